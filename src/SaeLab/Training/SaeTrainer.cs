using System.Diagnostics;
using SaeLab.Data;
using SaeLab.Numerics;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;
using SaeLab.Training.Supervised;

namespace SaeLab.Training;

/// <summary>
/// Trains an SAE of <see cref="SaeTrainingConfig.Architecture"/> (the seed's ReLU SAE by default, as reference_pipeline.py's
/// <c>train</c>): the architecture's initialisation (<see cref="SaeTrainingArchitectures"/>), then per
/// epoch a fresh shuffle of the training rows, cut into mini-batches of <see cref="SaeTrainingConfig.BatchSize"/>
/// (the last one keeps the remainder), one Adam step each. A batch whose loss is not finite stops the run.
/// </summary>
public static class SaeTrainer
{
    /// <summary>Trains on every vector of <paramref name="data"/>.</summary>
    public static TrainingResult Train(
        ActivationSet data, SaeTrainingConfig config, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(data, [.. Enumerable.Range(0, data.Count)], config, progress, cancellationToken);

    /// <summary>
    /// Trains on the vectors <paramref name="rows"/> of <paramref name="data"/> only (a token's or a layer's
    /// subset); their order does not matter beyond the seeded shuffles.
    /// </summary>
    public static TrainingResult Train(
        ActivationSet data, IReadOnlyList<int> rows, SaeTrainingConfig config,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(data, rows, config, null, null, null, progress, cancellationToken);

    /// <summary>
    /// Trains as <see cref="Train(ActivationSet, IReadOnlyList{int}, SaeTrainingConfig, IProgress{TrainingProgress}?, CancellationToken)"/>,
    /// writing a <see cref="TrainingCheckpoint"/> into <see cref="TrainingCheckpointOptions.Directory"/> every
    /// <see cref="TrainingCheckpointOptions.Every"/> steps, for every architecture and training method: the weights, Adam's
    /// moments and the step's further training state (<see cref="ISaeTrainingStep.SaveState"/>: AuxK's dead-feature
    /// counters, BatchTopK's running threshold, the resampler's counters and history).
    /// </summary>
    public static TrainingResult Train(
        ActivationSet data, IReadOnlyList<int> rows, SaeTrainingConfig config, TrainingCheckpointOptions checkpoints,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        checkpoints.Validate();
        return Run(data, rows, config, checkpoints, null, null, progress, cancellationToken);
    }

    /// <summary>
    /// Continues the run checkpointed in <paramref name="checkpointDirectory"/> on the same <paramref name="data"/> and
    /// <paramref name="rows"/> (checked by hash), with the checkpoint's settings, and keeps checkpointing there. The
    /// result is bit-identical to the uninterrupted run's with the same thread count: the weights, Adam's moments and
    /// step count and the step's further training state are loaded (and JumpReLU's threshold re-derived), and the random
    /// state, which <see cref="Random"/> cannot export, is replayed: a <see cref="Random"/> from the seed draws the
    /// initialisation again (then overwritten by the checkpoint's weights) and the shuffles of the finished epochs; the
    /// current epoch is shuffled and its finished batches skipped. The training methods' draws (b_dec's sample, each
    /// resampling's) come from a fresh <see cref="Random"/> per step (<see cref="StepRandom"/>), so nothing of them needs replaying.
    /// </summary>
    public static TrainingResult Resume(
        ActivationSet data, IReadOnlyList<int> rows, string checkpointDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingCheckpointState state = TrainingCheckpoint.ReadState(checkpointDirectory);
        if (state.Supervised is not null)
        {
            throw SaeLabException.ForFile(
                Path.Combine(checkpointDirectory, TrainingCheckpoint.StateFileName), "the checkpoint is of a supervised SAE", "resume it with SupervisedSaeTrainer.Resume");
        }

        return Run(data, rows, state.Config, TrainingCheckpoint.OptionsToResume(checkpointDirectory, state), state, null, progress, cancellationToken);
    }

    /// <summary>
    /// The run behind every entry point: in memory on <paramref name="rows"/>, optionally checkpointed, resumed from
    /// <paramref name="resume"/>, and made supervised by <paramref name="supervision"/> (which wraps the step).
    /// </summary>
    internal static TrainingResult Run(
        ActivationSet data, IReadOnlyList<int> rows, SaeTrainingConfig config, TrainingCheckpointOptions? checkpoints,
        TrainingCheckpointState? resume, Supervision? supervision, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        config.Validate();
        using ComputeContext.Scope compute = ComputeContext.Current.WithThreads(config.Threads).Use();
        int[] order = CheckedRows(data, rows);
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(config.Seed);
        int batchCapacity = Math.Min(config.BatchSize, order.Length);
        int batchesPerEpoch = (order.Length + config.BatchSize - 1) / config.BatchSize;
        TrainingMethodsStep methodsStep = TrainingMethodsStep.Wrap(
            SaeTrainingArchitectures.Create(config, data.Dim, config.ResolveFeatures(data.Dim), batchCapacity, random),
            config, (long)config.Epochs * batchesPerEpoch, batchCapacity, config.Methods.NeedsDataSample ? new TrainingVectors(data.Values, order, data.Dim) : null);
        ISaeTrainingStep step = supervision?.Wrap(methodsStep, data.Count, random, batchCapacity, batchesPerEpoch, order.Length) ?? methodsStep;
        var epochs = new List<EpochStats>(config.Epochs);
        CheckpointWriter? writer = checkpoints is null ? null : StartCheckpoints(data, order, config, supervision?.Config, checkpoints, resume, step, epochs);
        int firstEpoch = 1;
        EpochTotals totals = new();
        if (resume is not null)
        {
            TrainingCheckpoint.CheckPosition(resume, checkpoints!.Directory, config.Epochs, batchesPerEpoch);
            TrainingCheckpoint.Restore(checkpoints.Directory, resume, step);
            for (int epoch = 1; epoch < resume.Epoch; epoch++)
            {
                random.Shuffle(order);
            }

            (firstEpoch, totals) = (resume.Epoch, resume.Totals);
            epochs.AddRange(resume.Epochs);
        }

        for (int epoch = firstEpoch; epoch <= config.Epochs; epoch++)
        {
            var epochRun = new EpochRun(step, data, order, epoch, config, writer);
            epochs.Add(epochRun.Run(random, epoch == firstEpoch ? totals : new EpochTotals(), progress, cancellationToken));
        }

        TrainingMethodsOutcome methods = methodsStep.Finish();
        return new TrainingResult(step.Model, epochs, stopwatch.Elapsed.TotalSeconds, methods);
    }

    private static CheckpointWriter StartCheckpoints(
        ActivationSet data, int[] order, SaeTrainingConfig config, SupervisedConfig? supervised, TrainingCheckpointOptions checkpoints,
        TrainingCheckpointState? resume, ISaeTrainingStep step, List<EpochStats> epochs)
    {
        string dataHash = TrainingCheckpoint.Hash(order.Select(row => data.Row(row).ToArray()));
        if (resume is not null && (resume.Vectors != order.Length || resume.DataSha256 != dataHash))
        {
            throw SaeLabException.ForFile(
                data.Source, "these are not the vectors the checkpoint was trained on", $"resume with its data: {resume.Data} ({resume.Vectors} vectors)");
        }

        TrainingCheckpointState baseline = resume ?? TrainingCheckpointState.Fresh(config, supervised, checkpoints, data.Source, order.Length, dataHash);
        return new CheckpointWriter(checkpoints, baseline, step, epochs);
    }

    private static int[] CheckedRows(ActivationSet data, IReadOnlyList<int> rows)
    {
        if (rows.Count == 0)
        {
            throw SaeLabException.ForFile(data.Source, "no vectors to train on", "the data (or the chosen subset of rows) is empty");
        }

        int[] order = [.. rows];
        foreach (int row in order)
        {
            if ((uint)row >= (uint)data.Count)
            {
                throw SaeLabException.ForFile(data.Source, $"row {row} is out of range", $"the data holds {data.Count} vectors");
            }
        }

        return order;
    }

    /// <summary>One epoch: shuffle, then the batches from the first unfinished one, each checked for a finite loss.</summary>
    private sealed class EpochRun(ISaeTrainingStep step, ActivationSet data, int[] order, int epoch, SaeTrainingConfig config, CheckpointWriter? writer)
    {
        private readonly int _batches = (order.Length + config.BatchSize - 1) / config.BatchSize;

        public EpochStats Run(Random random, EpochTotals totals, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            random.Shuffle(order);
            EpochStats stats = EpochLoop.Run(
                () => step.LastPath, epoch, config.Epochs, _batches, order.Length, Batch, totals, AfterBatch,
                sums => CheckpointWriter.Interrupt(writer, step, epoch, sums, cancellationToken), progress, cancellationToken);
            return double.IsFinite(stats.Loss) ? stats : throw Diverged($"loss is {stats.Loss} after epoch {epoch}");
        }

        private BatchLoss Batch(int b)
        {
            int start = b * config.BatchSize;
            BatchLoss loss = step.Step(data.Values, order.AsSpan(start, Math.Min(config.BatchSize, order.Length - start)));
            return double.IsFinite(loss.Loss) ? loss : throw Diverged($"loss is {loss.Loss} at step {((epoch - 1) * _batches) + b + 1} (epoch {epoch}, batch {b + 1})");
        }

        private void AfterBatch(EpochTotals totals)
        {
            if (writer is not null && !writer.AfterBatch(epoch, totals))
            {
                throw Diverged($"a weight is not finite after step {((epoch - 1) * _batches) + totals.Batches} (epoch {epoch}, batch {totals.Batches})");
            }
        }

        private SaeLabException Diverged(string problem) =>
            SaeLabException.ForFile(
                data.Source,
                $"training diverged: {problem}",
                "check the activations for NaN or infinite values, or lower --lr" + CheckpointWriter.KeptHint(writer));
    }
}
