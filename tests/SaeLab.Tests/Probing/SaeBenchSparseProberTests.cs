using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Sparse;

namespace SaeLab.Tests.Probing;

public sealed class SaeBenchSparseProberTests
{
    [Fact]
    public void MeanDifference_OfTwoClasses_IsSaeBenchsAbsoluteGap()
    {
        // Positives (label 1) (1, 0) and (3, 0); negatives (0, 5) and (0, 1). Feature 0: |2 − 0| = 2;
        // feature 1: |0 − 3| = 3. The gap is absolute (get_top_k_mean_diff_mask's .abs()), so feature 1, lower in
        // the positives, ranks first.
        float[] x = [1, 0, 3, 0, 0, 5, 0, 1];

        double[] scores = FeatureRanking.MeanDifference(x, 4, 2, [1, 1, 0, 0], 2);

        Assert.Equal([2.0, 3.0], scores);
        Assert.Equal([1], FeatureRanking.TopK(scores, 1));
    }

    [Fact]
    public void Run_OneFeatureSeparatesOneClass_ThatTaskScoresOneAtKOne()
    {
        SaeBenchProbeResult result = SaeBenchSparseProber.Run(OneSeparatingFeature(), new ProbeConfig(), new SaeBenchProbingConfig(), "raw");

        Assert.Equal(["a", "b", "c"], result.Tasks.Select(t => t.Task.Positive));
        BinaryTaskResult b = result.Tasks[1];
        Assert.Equal((48, 24), (b.Task.Train.Length, b.Task.TrainPositives));
        Assert.Equal((12, 6), (b.Task.Test.Length, b.Task.TestPositives));
        Assert.Equal([1, 2, 5], b.Entries.Select(e => e.K));
        Assert.Equal([Separating], b.Entries[0].Features);
        Assert.Equal(1.0, b.Entries[0].Result.Metrics.Accuracy);
        Assert.Equal(["not b", "b"], b.Entries[0].Result.Metrics.Classes);

        TaskMeanAccuracy mean = result.MeanAccuracy[0];
        Assert.Equal(result.Tasks.Average(t => t.Entries[0].Result.Metrics.Accuracy), mean.Accuracy, 1e-12);
        Assert.Equal((36, mean.Correct), (mean.Trials, (int)Math.Round(mean.Accuracy * 36)));
        Assert.True(mean.Accuracy < 1.0, "feature 4 cannot tell a from c");
        Assert.InRange(mean.Accuracy, mean.AccuracyCi95.Low, mean.AccuracyCi95.High);
    }

    [Fact]
    public void Run_KLargerThanTheFeatures_IsAClearError()
    {
        var error = Assert.Throws<SaeLabException>(() =>
            SaeBenchSparseProber.Run(OneSeparatingFeature(), new ProbeConfig(), new SaeBenchProbingConfig { Ks = [11] }, "raw"));

        Assert.Contains("--k-sparse", error.Message);
    }

    private const int Separating = 4;

    /// <summary>30 problems each of a, b, c; 10 uniform noise features in [−1, 1]; feature 4 is 4 higher for b only.</summary>
    private static ProblemFeatures OneSeparatingFeature()
    {
        var random = new Random(5);
        const int n = 90, d = 10;
        float[] values = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                values[i * d + j] = (float)(random.NextDouble() * 2 - 1);
            }

            values[i * d + Separating] += i % 3 == 1 ? 4 : 0;
        }

        string[] labels = [.. Enumerable.Range(0, n).Select(i => ((char)('a' + i % 3)).ToString())];
        return new ProblemFeatures(values, n, d, [.. Enumerable.Range(0, n).Select(i => (long)i)], labels);
    }
}
