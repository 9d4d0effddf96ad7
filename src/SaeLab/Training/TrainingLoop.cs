using System.Diagnostics;
using SaeLab.Numerics;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;
using SaeLab.Training.Supervised;

namespace SaeLab.Training;

/// <summary>
/// The one training run behind every trainer, over any <see cref="IBatchSource"/> (rows in memory or a shard stream):
/// the architecture's step initialised from the seed (<see cref="SaeArchitectures"/>), the training methods
/// around it and, for a supervised run, the head around those; a resumed run's checkpoint restored; then each epoch's
/// batches, one Adam step each, every loss checked to be finite, checkpoints written after the steps, progress reported
/// after each batch and a checkpoint on cancellation (<see cref="CheckpointWriter.Interrupt"/>).
/// </summary>
internal sealed class TrainingLoop
{
    private readonly ISaeTrainingStep _step;
    private readonly IBatchSource _source;
    private readonly SaeTrainingConfig _config;
    private readonly int _batches;
    private readonly CheckpointWriter? _writer;
    private readonly List<EpochStats> _epochs;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellationToken;

    private TrainingLoop(
        ISaeTrainingStep step, IBatchSource source, SaeTrainingConfig config, int batches, CheckpointPlan? checkpoints,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        (_step, _source, _config, _batches, _progress, _cancellationToken) = (step, source, config, batches, progress, cancellationToken);
        _epochs = new List<EpochStats>(config.Epochs);
        _writer = checkpoints is null ? null : new CheckpointWriter(checkpoints.Options, checkpoints.Start, step, _epochs);
    }

    /// <summary>Trains an SAE of <paramref name="config"/> on <paramref name="source"/>, made supervised by <paramref name="supervision"/> (which wraps the step).</summary>
    public static TrainingResult Run(
        IBatchSource source, SaeTrainingConfig config, CheckpointPlan? checkpoints, Supervision? supervision,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        config.Validate();
        using ComputeContext.Scope compute = ComputeContext.Current.WithThreads(config.Threads).Use();
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(config.Seed);
        int batchSize = (int)Math.Min(config.BatchSize, source.Vectors);
        int batches = checked((int)((source.Vectors + config.BatchSize - 1) / config.BatchSize));
        TrainingMethodsStep methods = TrainingMethodsStep.Wrap(
            SaeArchitectures.Create(config, source.Dim, config.ResolveFeatures(source.Dim), batchSize, random),
            config, (long)config.Epochs * batches, batchSize, source.MethodsSample(config));
        ISaeTrainingStep step = supervision?.Wrap(methods, source.RowNumbers, random, batchSize, batches, source.Vectors) ?? methods;
        var loop = new TrainingLoop(step, source, config, batches, checkpoints, progress, cancellationToken);
        BatchPosition start = loop.Restore(checkpoints, out EpochTotals totals);
        using (IEpochBatches epochBatches = source.Open(random, config.Epochs, batchSize, start))
        {
            loop.Train(epochBatches, start.Epoch, totals);
        }

        TrainingMethodsOutcome outcome = methods.Finish();
        return new TrainingResult(step.Model, loop._epochs, stopwatch.Elapsed.TotalSeconds, outcome);
    }

    // Where the run begins: a resumed run's checkpoint is loaded into the step and its finished epochs logged.
    private BatchPosition Restore(CheckpointPlan? checkpoints, out EpochTotals totals)
    {
        if (checkpoints is not { Resuming: true, Start: var resume })
        {
            totals = new EpochTotals();
            return BatchPosition.Start;
        }

        TrainingCheckpoint.CheckPosition(resume, checkpoints.Options.Directory, _config.Epochs, _batches);
        TrainingCheckpoint.Restore(checkpoints.Options.Directory, resume, _step);
        _epochs.AddRange(resume.Epochs);
        totals = resume.Totals;
        return new BatchPosition(resume.Epoch, resume.Totals.Batches);
    }

    // The epochs from firstEpoch on, whose finished batches' sums are firstTotals.
    private void Train(IEpochBatches batches, int firstEpoch, EpochTotals firstTotals)
    {
        for (int epoch = firstEpoch; epoch <= _config.Epochs; epoch++)
        {
            _epochs.Add(RunEpoch(batches, epoch, epoch == firstEpoch ? firstTotals : new EpochTotals()));
        }
    }

    // One epoch from its first unfinished batch (totals holds the finished ones' sums), then its statistics.
    private EpochStats RunEpoch(IEpochBatches batches, int epoch, EpochTotals totals)
    {
        long started = Stopwatch.GetTimestamp();
        batches.BeginEpoch(epoch);
        for (int b = totals.Batches; b < _batches; b++)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                throw CheckpointWriter.Interrupt(_writer, _step, epoch, totals, _cancellationToken);
            }

            BatchLoss loss = batches.Step(_step, epoch, b, _cancellationToken);
            if (!double.IsFinite(loss.Loss))
            {
                throw Diverged($"loss is {loss.Loss} at step {StepNumber(epoch, b)} (epoch {epoch}, batch {b + 1})");
            }

            totals.Add(loss, _step.LastPath);
            if (_writer is not null && !_writer.AfterBatch(epoch, totals))
            {
                throw Diverged($"a weight is not finite after step {StepNumber(epoch, b)} (epoch {epoch}, batch {b + 1})");
            }

            if (b + 1 < _batches)
            {
                _progress?.Report(new TrainingProgress(epoch, _config.Epochs, b + 1, _batches, null));
            }
        }

        var stats = new EpochStats(
            epoch, (totals.Reconstruction + totals.Sparsity) / _batches, totals.Reconstruction / _batches, totals.Sparsity / _batches,
            (double)totals.ActiveCodes / _source.Vectors, Stopwatch.GetElapsedTime(started).TotalSeconds, _batches, totals.SparseSteps);
        _progress?.Report(new TrainingProgress(epoch, _config.Epochs, _batches, _batches, stats));
        return double.IsFinite(stats.Loss) ? stats : throw Diverged($"loss is {stats.Loss} after epoch {epoch}");
    }

    private long StepNumber(int epoch, int batch) => ((epoch - 1L) * _batches) + batch + 1;

    private SaeLabException Diverged(string problem) =>
        SaeLabException.ForFile(_source.Source, $"training diverged: {problem}", $"{_source.DivergenceHint}, or lower --lr" + CheckpointWriter.KeptHint(_writer));
}
