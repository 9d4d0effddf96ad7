using System.CommandLine;
using System.Globalization;
using SaeLab.Cli.Progress;
using SaeLab.Data.Shards;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Streaming;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s streaming flags (<c>--max-memory</c>, <c>--chunk-rows</c>) and the streaming run they select when
/// <c>--data</c> is a shard folder (<see cref="StreamingTrainer"/>); defaults stay in <see cref="StreamingConfig"/>.
/// </summary>
internal sealed class StreamingTrainFlags
{
    private static readonly StreamingConfig Defaults = new();

    private readonly Option<string?> _maxMemory = new("--max-memory")
    {
        Description = "Memory cap for training on a shard folder, e.g. 512MB or 2GB (binary units); required with a shard folder",
    };

    private readonly Option<int?> _chunkRows = new("--chunk-rows")
    {
        Description = $"Rows read and shuffled as one unit when streaming a shard folder [default: {Defaults.ChunkRows}]",
    };

    private readonly Option<int?> _sampleRows = new("--sample-rows")
    {
        Description = "Rows drawn at random from a shard folder before training for --normalize-inputs, --b-dec-init mean|geometric_median " +
            $"and --resample-every (fewer if --max-memory leaves no room) [default: {Defaults.SampleRows}]",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_maxMemory);
        command.Options.Add(_chunkRows);
        command.Options.Add(_sampleRows);
    }

    /// <summary>Refuses streaming flags when <c>--data</c> is a plain file, which is loaded whole.</summary>
    public void RejectForFile(ParseResult parse)
    {
        if (parse.GetValue(_maxMemory) is not null || parse.GetValue(_chunkRows) is not null || parse.GetValue(_sampleRows) is not null)
        {
            throw new SaeLabException("--max-memory, --chunk-rows and --sample-rows apply to a shard folder; make one with 'saelab shard', or drop them to load the file whole");
        }
    }

    /// <summary>
    /// Trains on the shard folder <paramref name="folder"/> under the cap (checkpointed when <paramref name="checkpoints"/>
    /// is given) and writes the SAE folder (weights as <paramref name="weightsDType"/>).
    /// </summary>
    public int Train(
        ParseResult parse, string folder, string outputPath, SaeTrainingConfig config, TrainingCheckpointOptions? checkpoints, bool quiet, DType weightsDType)
    {
        StreamingConfig streaming = ReadCapped(parse);
        streaming.Validate();
        return Finish(parse, folder, outputPath, config, quiet, weightsDType, (shards, progress) => checkpoints is null
            ? StreamingTrainer.Train(shards, config, streaming, progress)
            : StreamingTrainer.Train(shards, config, streaming, checkpoints, progress));
    }

    /// <summary>
    /// Continues the streaming run checkpointed in <paramref name="checkpointFolder"/> (its shard folder
    /// <paramref name="state"/>'s data) under the cap of <c>--max-memory</c>, and writes the SAE folder.
    /// </summary>
    public int Resume(ParseResult parse, TrainingCheckpointState state, string checkpointFolder, string outputPath, bool quiet, DType weightsDType)
    {
        if (parse.GetValue(_chunkRows) is int rows && rows != state.Streaming!.ChunkRows)
        {
            throw new SaeLabException($"--chunk-rows {rows} differs from the checkpoint's {state.Streaming.ChunkRows}: drop it, a resumed run keeps its row order");
        }

        StreamingConfig streaming = ReadCapped(parse);
        streaming.Validate();
        return Finish(parse, state.Data, outputPath, state.Config, quiet, weightsDType, (shards, progress) => StreamingTrainer.Resume(shards, checkpointFolder, streaming, progress));
    }

    private StreamingConfig ReadCapped(ParseResult parse)
    {
        string cap = parse.GetValue(_maxMemory)
            ?? throw new SaeLabException("a shard folder is trained by streaming under a memory cap: give --max-memory (e.g. 512MB)");
        return new StreamingConfig
        {
            MaxMemoryBytes = StreamingConfig.ParseBytes(cap, "--max-memory"),
            ChunkRows = parse.GetValue(_chunkRows) ?? Defaults.ChunkRows,
            SampleRows = parse.GetValue(_sampleRows) ?? Defaults.SampleRows,
        };
    }

    // Runs train on the opened shards, writes the SAE folder, drops the checkpoints and reports the memory plan.
    private static int Finish(
        ParseResult parse, string folder, string outputPath, SaeTrainingConfig config, bool quiet, DType weightsDType,
        Func<ShardSet, IProgress<TrainingProgress>?, StreamingTrainingResult> train)
    {
        using ShardSet shards = ShardSet.Open(folder);
        StreamingTrainingResult? run = null;
        TrainingProgressDisplay.Run(parse.InvocationConfiguration.Error, quiet, progress =>
        {
            run = train(shards, progress);
            return run.Training;
        });
        int vectors = (int)Math.Min(shards.Rows, int.MaxValue);
        TrainedSaeFolder.Save(outputPath, run!.Training, config, folder, vectors, weightsDType);
        TrainCommand.DropCheckpoints(outputPath);
        TextWriter output = parse.InvocationConfiguration.Output;
        output.WriteLine(TrainCommand.Summary(run.Training, vectors, outputPath));
        StreamingMemoryPlan plan = run.Plan;
        string sample = plan.SampleRows > 0 ? $", methods' sample {plan.SampleRows} rows {StreamingMemoryPlan.Megabytes(plan.SampleBytes)}" : "";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"memory: cap {StreamingMemoryPlan.Megabytes(plan.CapBytes)}, planned {StreamingMemoryPlan.Megabytes(plan.TotalBytes)} " +
            $"(baseline {StreamingMemoryPlan.Megabytes(plan.BaselineBytes)}, model {StreamingMemoryPlan.Megabytes(plan.ModelBytes)}, " +
            $"queue {StreamingMemoryPlan.Megabytes(plan.QueueBytes)}, shuffle buffer {plan.WindowRows} rows {StreamingMemoryPlan.Megabytes(plan.WindowBytes)}{sample}), " +
            $"peak working set {StreamingMemoryPlan.Megabytes(StreamingTrainer.PeakWorkingSetBytes())} (checkpoint written)"));
        if (plan.SampleShrunk)
        {
            output.WriteLine(
                $"note: the methods' sample holds {plan.SampleRows} of the {plan.RequestedSampleRows} rows asked for (--sample-rows): " +
                "that is what --max-memory leaves beside the model, the queue and one shuffle chunk");
        }

        return 0;
    }
}
