using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Training;

namespace SaeLab.Tests.Training;

public sealed class SaeTrainerTests
{
    private static readonly SaeTrainingConfig Small = new() { Features = 12, Epochs = 4, BatchSize = 16, L1 = 1e-3, LearningRate = 1e-2 };

    [Fact]
    public void SameSeed_GivesBitIdenticalWeights()
    {
        ActivationSet data = Synthetic(count: 50, dim: 6, seed: 1);

        TrainingResult first = SaeTrainer.Train(data, Small);
        TrainingResult second = SaeTrainer.Train(data, Small);
        TrainingResult otherSeed = SaeTrainer.Train(data, Small with { Seed = 1 });

        Assert.Equal(first.Sae.WEnc, second.Sae.WEnc);
        Assert.Equal(((ReluSae)first.Sae).BEnc, ((ReluSae)second.Sae).BEnc);
        Assert.Equal(first.Sae.WDec, second.Sae.WDec);
        Assert.Equal(first.Sae.BDec, second.Sae.BDec);
        Assert.Equal(first.Epochs.Select(e => e.Loss), second.Epochs.Select(e => e.Loss));
        Assert.NotEqual(first.Sae.WEnc, otherSeed.Sae.WEnc);
    }

    [Fact]
    public void Training_LowersTheLossAndLogsEveryEpoch()
    {
        ActivationSet data = Synthetic(count: 50, dim: 6, seed: 2);
        var reports = new List<TrainingProgress>();

        TrainingResult result = SaeTrainer.Train(data, Small with { Epochs = 10 }, new InlineProgress(reports.Add));

        Assert.Equal(Enumerable.Range(1, 10), result.Epochs.Select(e => e.Epoch));
        Assert.True(result.Epochs[^1].Loss < 0.5 * result.Epochs[0].Loss, $"{result.Epochs[0].Loss} -> {result.Epochs[^1].Loss}");
        Assert.All(result.Epochs, e => Assert.Equal(e.Reconstruction + e.Sparsity, e.Loss, 1e-12));
        Assert.All(result.Epochs, e => Assert.InRange(e.L0, 0, 12));

        // 50 vectors in batches of 16: 16, 16, 16 and the remaining 2, reported one by one.
        Assert.Equal(40, reports.Count);
        Assert.Equal(result.Epochs, reports.Where(r => r.Completed is not null).Select(r => r.Completed!.Value));
        Assert.All(reports, r => Assert.Equal(4, r.Batches));
    }

    [Fact]
    public void Expansion_SetsTheDictionarySizeFromTheInputDimension()
    {
        TrainingResult result = SaeTrainer.Train(
            Synthetic(count: 8, dim: 6, seed: 3), new SaeTrainingConfig { Expansion = 1.5, Epochs = 1 });
        Assert.Equal(9, result.Sae.DSae);
    }

    [Fact]
    public void Rows_RestrictTrainingToASubset()
    {
        ActivationSet data = Synthetic(count: 40, dim: 6, seed: 4);
        int[] evenRows = [.. Enumerable.Range(0, 20).Select(i => 2 * i)];
        float[] evenValues = [.. evenRows.SelectMany(r => data.Row(r).ToArray())];
        var evenOnly = new ActivationSet(evenValues, 20, 6, [], "even rows");

        TrainingResult subset = SaeTrainer.Train(data, evenRows, Small);
        TrainingResult copied = SaeTrainer.Train(evenOnly, [.. Enumerable.Range(0, 20)], Small);

        // The shuffles permute positions, so training on the subset equals training on a copy of it.
        Assert.Equal(copied.Sae.WEnc, subset.Sae.WEnc);
    }

    [Theory]
    [InlineData(new[] { 40 }, "row 40 is out of range")]
    [InlineData(new[] { -1 }, "row -1 is out of range")]
    [InlineData(new int[0], "no vectors to train on")]
    public void BadRows_AreUserErrors(int[] rows, string message)
    {
        var error = Assert.Throws<SaeLabException>(() => SaeTrainer.Train(Synthetic(count: 40, dim: 6, seed: 5), rows, Small));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void NonFiniteData_StopsWithAClearError()
    {
        ActivationSet data = Synthetic(count: 10, dim: 4, seed: 6);
        data.Values[3] = float.NaN;

        var error = Assert.Throws<SaeLabException>(() => SaeTrainer.Train(data, Small with { Epochs = 1 }));

        Assert.Contains("training diverged", error.Message);
    }

    [Fact]
    public void Cancellation_StopsTraining()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stopped = Assert.Throws<TrainingInterruptedException>(() => SaeTrainer.Train(Synthetic(10, 4, 7), Small, null, cancelled.Token));

        Assert.Equal((0, null), (stopped.Step, stopped.Checkpoint));
    }

    /// <summary>Low-rank data plus noise, so that a small SAE can learn it.</summary>
    internal static ActivationSet Synthetic(int count, int dim, int seed)
    {
        var random = new Random(seed);
        double[][] directions = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, dim).Select(_ => Gaussian(random)).ToArray())];
        var values = new float[count * dim];
        for (int n = 0; n < count; n++)
        {
            double[] weights = [.. directions.Select(_ => random.NextDouble() < 0.5 ? 0 : 2 * random.NextDouble())];
            for (int i = 0; i < dim; i++)
            {
                values[n * dim + i] = (float)(directions.Select((u, k) => weights[k] * u[i]).Sum() + 0.05 * Gaussian(random));
            }
        }

        return new ActivationSet(values, count, dim, [], $"synthetic(seed {seed})");
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>An <see cref="IProgress{T}"/> that reports on the training thread (Progress&lt;T&gt; posts elsewhere).</summary>
    internal sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
