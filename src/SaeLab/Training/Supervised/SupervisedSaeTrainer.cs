using System.Diagnostics;
using SaeLab.Data;
using SaeLab.Sae;

namespace SaeLab.Training.Supervised;

/// <summary>
/// Trains a supervised SAE: the seed's ReLU SAE and a linear head on its codes, minimising reconstruction + l1 ·
/// sparsity + λ · cross-entropy (<see cref="SupervisedSaeTrainingStep"/>). It trains on the vectors of the probes'
/// training problems only (<see cref="SupervisedSplit"/>): the held-out problems' vectors are used for nothing, so a
/// probe of the codes scores them on problems neither the SAE nor its head has seen. The schedule is
/// <see cref="SaeTrainer"/>'s: PyTorch-style initialisation (the SAE, then the head), then per epoch a fresh shuffle
/// cut into mini-batches, one Adam step each.
/// </summary>
public static class SupervisedSaeTrainer
{
    /// <summary>Trains on the training problems' vectors of <paramref name="data"/> (every labelled vector of theirs).</summary>
    public static SupervisedTrainingResult Train(
        ActivationSet data, SaeTrainingConfig config, SupervisedConfig supervised,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        config.Validate();
        supervised.Validate();
        if (!config.Methods.AllOff)
        {
            throw new SaeLabException("a supervised SAE trains with the seed's method only: drop the training-method options (--unit-norm-decoder, schedules, clipping, normalisation, b_dec init, resampling)");
        }

        var stopwatch = Stopwatch.StartNew();
        SupervisedSplit split = SupervisedSplit.Of(data, supervised.SplitSettings);
        var random = new Random(config.Seed);
        var sae = new ReluSae(data.Dim, config.ResolveFeatures(data.Dim)) { ApplyBDecToInput = config.ResolveApplyBDecToInput() };
        PyTorchLinearInit.Initialize(sae, random);
        var head = new LinearHead(sae.DSae, split.Classes);
        head.Initialize(random);
        var run = new Run(
            new SupervisedSaeTrainingStep(
                sae, head, config.L1, supervised.Weight, config.LearningRate, Math.Min(config.BatchSize, split.Rows.Length), config.ResolveSumsOverDimensions()),
            data, split, config);
        var epochs = new List<EpochStats>(config.Epochs);
        var heads = new List<SupervisedEpochStats>(config.Epochs);
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            EpochResult result = run.Epoch(random, epoch, progress, cancellationToken);
            epochs.Add(result.Sae);
            heads.Add(result.Head);
        }

        return new SupervisedTrainingResult(new TrainingResult(sae, epochs, stopwatch.Elapsed.TotalSeconds), head, split, heads);
    }

    /// <summary>One run's step, data and batch buffers; an epoch shuffles positions into the split's rows.</summary>
    private sealed class Run(SupervisedSaeTrainingStep step, ActivationSet data, SupervisedSplit split, SaeTrainingConfig config)
    {
        private readonly int[] _order = [.. Enumerable.Range(0, split.Rows.Length)];
        private readonly int[] _rows = new int[Math.Min(config.BatchSize, split.Rows.Length)];
        private readonly int[] _classes = new int[Math.Min(config.BatchSize, split.Rows.Length)];

        public EpochResult Epoch(
            Random random, int epoch, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            random.Shuffle(_order);
            int batches = (_order.Length + config.BatchSize - 1) / config.BatchSize;
            double crossEntropy = 0;
            long correct = 0;
            EpochStats stats = EpochLoop.Run(() => step.LastPath, epoch, config.Epochs, batches, _order.Length, Batch, progress, cancellationToken);
            var head = new SupervisedEpochStats(epoch, crossEntropy / batches, (double)correct / _order.Length);
            return double.IsFinite(stats.Loss) && double.IsFinite(head.CrossEntropy)
                ? new EpochResult(stats, head)
                : throw SaeLabException.ForFile(
                    data.Source,
                    $"supervised training diverged: loss is {stats.Loss}, cross-entropy {head.CrossEntropy} after epoch {epoch}",
                    "check the activations for NaN or infinite values, or lower --lr or --supervised-weight");

            BatchLoss Batch(int b)
            {
                int first = b * config.BatchSize, count = Math.Min(config.BatchSize, _order.Length - first);
                for (int i = 0; i < count; i++)
                {
                    _rows[i] = split.Rows[_order[first + i]];
                    _classes[i] = split.RowClasses[_order[first + i]];
                }

                SupervisedBatchLoss loss = step.Step(data.Values, _rows.AsSpan(0, count), _classes.AsSpan(0, count));
                crossEntropy += loss.CrossEntropy;
                correct += loss.Correct;
                return loss.Sae;
            }
        }
    }

    private readonly record struct EpochResult(EpochStats Sae, SupervisedEpochStats Head);
}
