using System.Diagnostics;
using SaeLab.Data.Shards;
using SaeLab.Training.Architectures;
using SaeLab.Training.Methods;

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
    /// Trains on every row of <paramref name="data"/>, whose shards begin at <paramref name="shardStarts"/> (then its row
    /// count): chunks never cross a shard boundary, so each chunk is one positioned read.
    /// </summary>
    public static StreamingTrainingResult Train(
        IRowSource data, IReadOnlyList<long> shardStarts, SaeTrainingConfig config, StreamingConfig streaming,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        config.Validate();
        streaming.Validate();
        if (data.Rows == 0)
        {
            throw SaeLabException.ForFile(data.Source, "no vectors to train on");
        }

        var stopwatch = Stopwatch.StartNew();
        int m = config.ResolveFeatures(data.Dim);
        int batchSize = (int)Math.Min(config.BatchSize, data.Rows);
        SaeArchitecture architecture = SaeTrainingArchitectures.Find(config.Architecture);
        StreamingMemoryPlan plan = StreamingMemoryPlan.For(
            data.Dim, m, batchSize, data.Rows, streaming, Environment.WorkingSet, architecture.BatchFloatsPerVector(config, data.Dim, m), config.Methods);
        TrainingVectors? sample = plan.SampleRows > 0 ? TrainingVectors.Sampled(data, plan.SampleRows, streaming.ChunkRows, config.Seed) : null;
        var random = new Random(config.Seed);
        long totalSteps = config.Epochs * ((data.Rows + batchSize - 1) / batchSize);
        TrainingMethodsStep step = TrainingMethodsStep.Wrap(SaeTrainingArchitectures.Create(config, data.Dim, m, batchSize, random), config, totalSteps, batchSize, sample);
        var shuffle = new ChunkShuffle(shardStarts, streaming.ChunkRows, plan.WindowRows);
        var epochs = new List<EpochStats>(config.Epochs);
        using (var stream = new BatchStream(data, shuffle, random, config.Epochs, batchSize, streaming.QueueBatches))
        {
            int[] rows = [.. Enumerable.Range(0, batchSize)];
            for (int epoch = 1; epoch <= config.Epochs; epoch++)
            {
                epochs.Add(RunEpoch(step, stream, rows, data, epoch, config, progress, cancellationToken));
            }
        }

        TrainingMethodsOutcome methods = step.Finish();
        var result = new TrainingResult(step.Model, epochs, stopwatch.Elapsed.TotalSeconds, methods);
        return new StreamingTrainingResult(result, plan, PeakWorkingSetBytes());
    }

    private static EpochStats RunEpoch(
        ISaeTrainingStep step, BatchStream stream, int[] rows, IRowSource data, int epoch, SaeTrainingConfig config,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        int batches = (int)((data.Rows + rows.Length - 1) / rows.Length);
        EpochStats stats = EpochLoop.Run(() => step.LastPath, epoch, config.Epochs, batches, data.Rows, Batch, progress, cancellationToken);
        return double.IsFinite(stats.Loss)
            ? stats
            : throw SaeLabException.ForFile(data.Source, $"training diverged: loss is {stats.Loss} after epoch {epoch}", "check the shards for NaN or infinite values, or lower --lr");

        BatchLoss Batch(int b)
        {
            BatchLoss loss = StepNext(step, stream, rows, data.Dim, epoch, cancellationToken);
            CollectAfterResampling(step, config.Methods.ResampleEvery);
            return loss;
        }
    }

    /// <summary>
    /// Collects the garbage of a resampling step at once: each resampling allocates a draw from the methods' sample and its
    /// scoring buffers (<see cref="StreamingMemoryPlan.SampleBytesFor"/> counts one set), and the GC, which does not know
    /// the cap, let eight of them pile up 30 MB past a 96 MB cap (409,600 × 256 vectors, <c>--resample-every 200</c>).
    /// A full collection of a heap of a few large float arrays takes milliseconds, once per <paramref name="every"/> steps.
    /// </summary>
    private static void CollectAfterResampling(ISaeTrainingStep step, int every)
    {
        if (every > 0 && step.Optimizer.Steps % every == 0)
        {
            GC.Collect();
        }
    }

    /// <summary>Trains on the next batch of the stream and hands its buffer back.</summary>
    private static BatchLoss StepNext(ISaeTrainingStep step, BatchStream stream, int[] rows, int dim, int epoch, CancellationToken cancellationToken)
    {
        StreamBatch batch = stream.Take(cancellationToken);
        if (batch.Epoch != epoch)
        {
            throw new InvalidOperationException($"batch of epoch {batch.Epoch} arrived in epoch {epoch}");
        }

        BatchLoss loss = step.Step(batch.Values.AsSpan(0, batch.Rows * dim), rows.AsSpan(0, batch.Rows));
        stream.Return(batch.Values);
        return loss;
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
