using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Training.Jobs;

/// <summary>
/// One training run from files to an SAE folder, as <c>saelab train</c> asks for it: load the activation file (or
/// stream the shard folder under <see cref="Streaming"/>'s cap), train (supervised when <see cref="Supervised"/> is
/// set; checkpointed into the output folder when <see cref="Checkpoints"/> is set), write the SAE folder and drop the
/// checkpoints a finished run no longer needs. The CLI maps its flags onto this record and prints its
/// <see cref="TrainingJobResult"/>.
/// </summary>
public sealed record TrainingJob
{
    /// <summary>An activation file, or a shard folder (<see cref="ShardIndex.IsShardFolder"/>).</summary>
    public required string Data { get; init; }

    /// <summary>The SAE folder to write.</summary>
    public required string Output { get; init; }

    public required SaeTrainingConfig Config { get; init; }

    /// <summary>How the activation file is read (keys, side metadata); unused for a shard folder.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>The memory cap and chunking of a shard folder's stream; required for one (with a cap), refused for a file.</summary>
    public StreamingConfig? Streaming { get; init; }

    /// <summary>Train a supervised SAE: the head's settings, or null.</summary>
    public SupervisedConfig? Supervised { get; init; }

    /// <summary>Train only on the vectors of this part of a problem split (the probes' training problems, say); null for every vector. Unsupervised only: a supervised run splits on its own.</summary>
    public ProblemSubset? Subset { get; init; }

    /// <summary>How often to checkpoint; null for none.</summary>
    public TrainingCheckpointOptions? Checkpoints { get; init; }

    /// <summary>How the trained SAE is saved: the weights' element type, the model and hook names for cfg.json.</summary>
    public SaeSaveOptions Save { get; init; } = SaeSaveOptions.Default;

    /// <summary>Replace an SAE folder <see cref="Output"/> already holds; false: a fresh run refuses one, so that no trained SAE is lost to a typo.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Whether <see cref="Data"/> is a shard folder, streamed rather than loaded.</summary>
    public bool Streams => ShardIndex.IsShardFolder(Data);

    /// <summary>Checks that the parts fit together: a stream needs its cap, a file takes none, and a subset is for an unsupervised run.</summary>
    public void Validate()
    {
        Config.Validate();
        Supervised?.Validate();
        Checkpoints?.Validate();
        if (Streams)
        {
            SaeLabException.Require(Streaming is { MaxMemoryBytes: > 0 }, "a shard folder is trained by streaming under a memory cap: give --max-memory (e.g. 512MB)");
            Streaming!.Validate();
        }
        else
        {
            SaeLabException.Require(
                Streaming is null, "--max-memory, --chunk-rows and --sample-rows apply to a shard folder; make one with 'saelab shard', or drop them to load the file whole");
        }

        if (Subset is not null)
        {
            Subset.Split.Validate();
            SaeLabException.Require(Supervised is null, "--supervised-weight already trains on the split's training problems only: drop --vectors");
        }
    }

    /// <summary>Trains and writes <see cref="Output"/>.</summary>
    public TrainingJobResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate();
        if (!Overwrite && File.Exists(Path.Combine(Output, SaeCheckpoint.ConfigFileName)))
        {
            throw SaeLabException.ForFile(Output, "already holds a trained SAE", "give another --out, --force to replace it, or --resume to continue an interrupted run");
        }

        // The checkpoints record how the SAE is saved and which vectors it trains on, so that --resume does the same.
        TrainingCheckpointOptions? checkpoints = Checkpoints is null ? null : Checkpoints with { Save = Save, Subset = Subset };
        if (Streams)
        {
            return Stream((shards, streaming) => Supervised is not null
                ? StreamingTrainer.TrainSupervised(shards, Config, Supervised, streaming, checkpoints, progress, cancellationToken)
                : Subset is not null
                ? StreamingTrainer.Train(shards, Subset, Config, streaming, checkpoints, progress, cancellationToken)
                : checkpoints is null
                    ? StreamingTrainer.Train(shards, Config, streaming, progress, cancellationToken)
                    : StreamingTrainer.Train(shards, Config, streaming, checkpoints, progress, cancellationToken));
        }

        ActivationSet data = ActivationLoader.Load(Data, Load);
        if (Supervised is not null)
        {
            return Finish(checkpoints is null
                ? SupervisedSaeTrainer.Train(data, Config, Supervised, progress, cancellationToken)
                : SupervisedSaeTrainer.Train(data, Config, Supervised, checkpoints, progress, cancellationToken));
        }

        var (rows, source) = TrainingRows(data);
        return Finish(checkpoints is null
            ? SaeTrainer.Train(data, rows, Config, progress, cancellationToken)
            : SaeTrainer.Train(data, rows, Config, checkpoints, progress, cancellationToken), source, rows.Length);
    }

    /// <summary>
    /// The job that continues the run checkpointed in <paramref name="folder"/> (its <c>--out</c>): the checkpoint's data,
    /// settings and supervision; <paramref name="streaming"/> (a cap for a streamed run) and <paramref name="load"/> are
    /// how to read its data again; <paramref name="save"/> how to save the SAE, null for as the run was started;
    /// <paramref name="given"/> the settings given again, which must be the checkpoint's (<see cref="ResumeRequest.CheckAgainst"/>).
    /// </summary>
    public static TrainingJob ToResume(string folder, StreamingConfig? streaming, ActivationLoadOptions load, SaeSaveOptions? save = null, ResumeRequest? given = null)
    {
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(TrainingCheckpoint.FolderIn(folder));
        given?.CheckAgainst(state, folder);
        return new TrainingJob
        {
            Data = state.Data,
            Output = folder,
            Config = state.Config,
            Load = load,
            Streaming = streaming,
            Supervised = state.Supervised,
            Subset = state.Subset,
            Checkpoints = TrainingCheckpoint.OptionsToResume(TrainingCheckpoint.FolderIn(folder), state),
            Save = save ?? state.Save ?? SaeSaveOptions.Default,
        };
    }

    /// <summary>Continues this job from its checkpoint (<see cref="ToResume"/>) bit for bit and writes <see cref="Output"/>.</summary>
    public TrainingJobResult Resume(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate();
        string checkpoints = TrainingCheckpoint.FolderIn(Output);
        if (Streams)
        {
            return Stream((shards, streaming) => StreamingTrainer.Resume(shards, checkpoints, streaming, progress, cancellationToken));
        }

        ActivationSet data = ActivationLoader.Load(Data, Load);
        if (Supervised is not null)
        {
            return Finish(SupervisedSaeTrainer.Resume(data, checkpoints, progress, cancellationToken));
        }

        var (rows, source) = TrainingRows(data);
        return Finish(SaeTrainer.Resume(data, rows, checkpoints, progress, cancellationToken), source, rows.Length);
    }

    private TrainingJobResult Stream(Func<ShardSet, StreamingConfig, StreamingTrainingResult> train)
    {
        using ShardSet shards = ShardSet.Open(Data);
        StreamingTrainingResult run = train(shards, Streaming!);
        if (run.Supervised is { } supervised)
        {
            return Finish(supervised) with { Plan = run.Plan };
        }

        int vectors = (int)Math.Min(run.Vectors, int.MaxValue);
        return Finish(run.Training, run.Rows is null ? Data : $"{Data} ({run.Rows})", vectors) with { Plan = run.Plan };
    }

    // source: where the vectors came from, as training.json records it (the file, and the split's part when a subset).
    private TrainingJobResult Finish(TrainingResult training, string source, int vectors)
    {
        TrainedSaeFolder.Save(Output, training, Config, source, vectors, Save);
        DropCheckpoints();
        return new TrainingJobResult(training, vectors, Output);
    }

    // The rows trained on, and where they came from as training.json records it.
    private (int[] Rows, string Source) TrainingRows(ActivationSet data)
    {
        if (Subset is null)
        {
            return ([.. Enumerable.Range(0, data.Count)], Data);
        }

        var (rows, description) = Subset.RowsOf(data);
        return (rows, $"{Data} ({description})");
    }

    private TrainingJobResult Finish(SupervisedTrainingResult run)
    {
        SupervisedSaeFolder.Save(Output, run, Config, run.Config, Data, Save);
        DropCheckpoints();
        return new TrainingJobResult(run.Training, run.Split.Rows.Length, Output) { Supervised = run };
    }

    private void DropCheckpoints()
    {
        string checkpoints = TrainingCheckpoint.FolderIn(Output);
        if (Directory.Exists(checkpoints))
        {
            Directory.Delete(checkpoints, recursive: true);
        }
    }
}
