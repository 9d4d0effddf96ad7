using System.Diagnostics;
using System.Text.Json;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;
using SaeLab.Training.Supervised;

namespace SaeLab.Training.Streaming;

/// <summary>
/// Trains an SAE of any architecture on a shard folder too large for memory, with the mathematics of
/// <see cref="SaeTrainer"/> (same architecture step and loss, Adam step, initialisation from the seed, batches
/// of <see cref="SaeTrainingConfig.BatchSize"/> with the last of an epoch keeping the remainder) and a different row
/// order: <see cref="ChunkShuffle"/>'s chunk permutation plus shuffle buffer instead of one full permutation. A reader
/// thread (<see cref="BatchStream"/>) prepares batches while the step runs; every buffer is sized once by
/// <see cref="StreamingMemoryPlan"/> so that the resident set stays under <see cref="StreamingConfig.MaxMemoryBytes"/>.
/// The methods that look at the data (input normalisation, b_dec's mean or geometric median, resampling) see a uniform
/// sample of the rows drawn before the first step (<see cref="TrainingVectors.Sampled"/>), sized by the plan.
/// </summary>
public static class StreamingTrainer
{
    /// <summary>Trains on every row of the shard folder <paramref name="shards"/>.</summary>
    public static StreamingTrainingResult Train(
        ShardSet shards, SaeTrainingConfig config, StreamingConfig streaming,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(shards, shards.ShardStarts, config, streaming, progress, cancellationToken);

    /// <summary>
    /// Trains as <see cref="Train(ShardSet, SaeTrainingConfig, StreamingConfig, IProgress{TrainingProgress}?, CancellationToken)"/>,
    /// writing a <see cref="TrainingCheckpoint"/> every <see cref="TrainingCheckpointOptions.Every"/> steps, with the
    /// shuffle buffer's and the sample's sizes (<see cref="StreamingOrder"/>) that a resume needs.
    /// </summary>
    public static StreamingTrainingResult Train(
        ShardSet shards, SaeTrainingConfig config, StreamingConfig streaming, TrainingCheckpointOptions checkpoints,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        checkpoints.Validate();
        return Run(shards, shards.ShardStarts, config, streaming, new Checkpointing(checkpoints, LayoutHash(shards), null), null, progress, cancellationToken);
    }

    /// <summary>
    /// Trains on the rows of <paramref name="subset"/>'s problems only (the probes' training problems, say), split from the
    /// shards' problem and label columns; checkpointed when <paramref name="checkpoints"/> is given (which then record the
    /// subset, so that <see cref="Resume"/> streams the same rows). <see cref="StreamingTrainingResult.Rows"/> says which.
    /// </summary>
    public static StreamingTrainingResult Train(
        ShardSet shards, ProblemSubset subset, SaeTrainingConfig config, StreamingConfig streaming, TrainingCheckpointOptions? checkpoints,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        checkpoints?.Validate();
        var (rows, description) = SubsetRows(shards, subset);
        Checkpointing? checkpointing = checkpoints is null ? null : new Checkpointing(checkpoints with { Subset = subset }, LayoutHash(shards), null);
        return Run(rows, [0, rows.Rows], config, streaming, checkpointing, null, progress, cancellationToken) with { Rows = description };
    }

    /// <summary>
    /// Trains a supervised SAE (<see cref="SupervisedSaeTrainer"/>'s loss) on the shard folder: only the rows of the probes'
    /// training problems are streamed (the split is made from the shards' problem and label columns), and each batch's
    /// head loss uses their classes. Checkpointed when <paramref name="checkpoints"/> is given; the result's
    /// <see cref="StreamingTrainingResult.Supervised"/> holds the head, the split and its log.
    /// </summary>
    public static StreamingTrainingResult TrainSupervised(
        ShardSet shards, SaeTrainingConfig config, SupervisedConfig supervised, StreamingConfig streaming, TrainingCheckpointOptions? checkpoints,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        checkpoints?.Validate();
        supervised.Validate();
        var labelled = StreamedSupervision.Of(shards, supervised);
        Checkpointing? checkpointing = checkpoints is null ? null : new Checkpointing(checkpoints, LayoutHash(shards), null);
        return Run(labelled.Rows, [0, labelled.Rows.Rows], config, streaming, checkpointing, labelled, progress, cancellationToken);
    }

    /// <summary>
    /// Continues the streaming run checkpointed in <paramref name="checkpointDirectory"/> on the same shards (checked by
    /// their index) bit for bit, with the checkpoint's settings and row order; <paramref name="streaming"/> gives the
    /// memory cap and queue only. As in <see cref="SaeTrainer.Resume"/>, the random state is replayed: the initialisation
    /// is drawn again, the finished epochs' shuffles are drawn without reading, and the current epoch's finished batches
    /// are skipped (their windows unread).
    /// </summary>
    public static StreamingTrainingResult Resume(
        ShardSet shards, string checkpointDirectory, StreamingConfig streaming,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpointDirectory);
        string stateFile = Path.Combine(checkpointDirectory, TrainingCheckpoint.StateFileName);
        StreamingOrder order = state.Streaming ?? throw SaeLabException.ForFile(stateFile, "the checkpoint is of a run in memory", "resume it on its activation file");
        string layout = LayoutHash(shards);
        StreamedSupervision? labelled = state.Supervised is { } supervised ? StreamedSupervision.Of(shards, supervised) : null;
        (RowSubsetSource Rows, string Description)? subset = state.Subset is { } part ? SubsetRows(shards, part) : null;
        IRowSource rows = labelled?.Rows ?? subset?.Rows ?? (IRowSource)shards;
        if (state.DataSha256 != layout || state.Vectors != rows.Rows)
        {
            throw SaeLabException.ForFile(shards.Source, "these are not the shards the checkpoint was trained on", $"resume with its data: {state.Data} ({state.Vectors} vectors)");
        }

        var checkpointing = new Checkpointing(TrainingCheckpoint.OptionsToResume(checkpointDirectory, state), layout, state);
        IReadOnlyList<long> starts = rows == shards ? shards.ShardStarts : [0, rows.Rows];
        StreamingTrainingResult result = Run(rows, starts, state.Config, streaming with { ChunkRows = order.ChunkRows }, checkpointing, labelled, progress, cancellationToken);
        return result with { Rows = subset?.Description };
    }

    /// <summary>
    /// Trains on every row of <paramref name="data"/>, whose shards begin at <paramref name="shardStarts"/> (then its row
    /// count): chunks never cross a shard boundary, so each chunk is one positioned read.
    /// </summary>
    public static StreamingTrainingResult Train(
        IRowSource data, IReadOnlyList<long> shardStarts, SaeTrainingConfig config, StreamingConfig streaming,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(data, shardStarts, config, streaming, null, null, progress, cancellationToken);

    private static StreamingTrainingResult Run(
        IRowSource data, IReadOnlyList<long> shardStarts, SaeTrainingConfig config, StreamingConfig streaming, Checkpointing? checkpointing,
        StreamedSupervision? supervised, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        config.Validate();
        streaming.Validate();
        if (data.Rows == 0)
        {
            throw SaeLabException.ForFile(data.Source, "no vectors to train on");
        }

        int m = config.ResolveFeatures(data.Dim);
        int batchSize = (int)Math.Min(config.BatchSize, data.Rows);
        SaeArchitecture architecture = SaeArchitectures.Find(config.Architecture);
        StreamingMemoryPlan plan = StreamingMemoryPlan.For(
            data.Dim, m, batchSize, data.Rows, streaming, Environment.WorkingSet, architecture.BatchFloatsPerVector(config, data.Dim, m), config.Methods, checkpointing is not null);
        StreamingOrder order = checkpointing?.Resume?.Streaming ?? new StreamingOrder(streaming.ChunkRows, plan.WindowRows, plan.SampleRows);
        var source = new ShardBatchSource(data, shardStarts, order, streaming.QueueBatches, config.Methods.ResampleEvery);
        TrainingResult result = TrainingLoop.Run(source, config, checkpointing?.Plan(data, config, supervised?.Config, order), supervised?.Supervision, progress, cancellationToken);
        return new StreamingTrainingResult(result, plan with { WindowRows = order.WindowRows, SampleRows = order.SampleRows }, PeakWorkingSetBytes())
        {
            Vectors = data.Rows,
            Supervised = supervised?.Supervision.Step is { } head ? new SupervisedTrainingResult(result, head.Head, supervised.Split, head.Epochs, supervised.Config) : null,
        };
    }

    // The rows of the subset's problems, renumbered, and what they are.
    private static (RowSubsetSource Rows, string Description) SubsetRows(ShardSet shards, ProblemSubset subset)
    {
        var (rows, description) = subset.RowsOf(RowSourceMetadata.Of(shards));
        return (new RowSubsetSource(shards, rows), description);
    }

    // The shard folder's layout (its index: rows, dimension, shards and their sizes) identifies the data for a resume.
    private static string LayoutHash(ShardSet shards) => TrainingCheckpoint.Hash(JsonSerializer.Serialize(shards.Index));

    /// <summary>A streaming run's checkpoint options, data identity and, when resuming, the checkpoint it resumes.</summary>
    private sealed record Checkpointing(TrainingCheckpointOptions Options, string DataHash, TrainingCheckpointState? Resume)
    {
        public CheckpointPlan Plan(IRowSource data, SaeTrainingConfig config, SupervisedConfig? supervised, StreamingOrder order) =>
            Resume is { } state
                ? new CheckpointPlan(Options, state, true)
                : new CheckpointPlan(Options, TrainingCheckpointState.Fresh(config, supervised, Options, data.Source, data.Rows, DataHash) with { Streaming = order }, false);
    }

    /// <summary>The process's peak resident memory so far, as the OS reports it; 0 where it reports none.</summary>
    public static long PeakWorkingSetBytes()
    {
        try
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
        catch (PlatformNotSupportedException)
        {
            return 0;
        }
    }
}
