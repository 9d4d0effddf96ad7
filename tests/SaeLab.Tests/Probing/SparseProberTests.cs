using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Sparse;

namespace SaeLab.Tests.Probing;

public sealed class SparseProberTests
{
    /// <summary>90 problems, 3 classes, 30 noise features; feature 7 is high for class1, feature 19 for class2.</summary>
    internal static ProblemFeatures Planted(int dim = 30)
    {
        var random = new Random(11);
        const int n = 90;
        string[] labels = Enumerable.Range(0, n).Select(i => $"class{i % 3}").ToArray();
        float[] values = new float[n * dim];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < dim; j++)
            {
                values[i * dim + j] = (float)(random.NextDouble() * 2 - 1);
            }

            values[i * dim + 7] += i % 3 == 1 ? 4 : 0;
            values[i * dim + 19] += i % 3 == 2 ? 4 : 0;
        }

        return new ProblemFeatures(values, n, dim, Enumerable.Range(0, n).Select(i => (long)i).ToArray(), labels);
    }

    [Fact]
    public void Run_PicksThePlantedFeatures_AndTwoOfThemSeparateTheClasses()
    {
        SparseProbeResult result = SparseProber.Run(Planted(), new ProbeConfig(), [1, 2, 5], "raw");

        Assert.Equal([1, 2, 5], result.Entries.Select(e => e.K));
        Assert.Equal([7, 19], result.Entries[1].Features.Order());
        Assert.Equal(1.0, result.Entries[1].Result.Metrics.Accuracy);
        Assert.Equal(2, result.Entries[1].Result.NFeatures);
        Assert.True(result.Entries[0].Result.Metrics.Accuracy < 0.9, "one feature cannot separate three classes");
    }

    [Fact]
    public void MeanDifference_IsTheLargestOneVersusRestGap()
    {
        // Feature 0: class means 0, 2, 4 (one sample each) → one-vs-rest gaps |0−3|, |2−2|, |4−1| → 3.
        double[] scores = FeatureRanking.MeanDifference(new float[] { 0, 2, 4 }, 3, 1, [0, 1, 2], 3);

        Assert.Equal(3, scores[0], 1e-12);
    }

    [Fact]
    public void AnovaF_MatchesHandComputedValue()
    {
        // Groups {1, 2, 3} and {5, 6, 7}: between = 2·3·2² = 24 (df 1), within = 4 (df 4) → F = 24.
        double[] f = FeatureRanking.AnovaF(new float[] { 1, 2, 3, 5, 6, 7 }, 6, 1, [0, 0, 0, 1, 1, 1], 2);

        Assert.Equal(24, f[0], 1e-12);
    }

    [Fact]
    public void Run_KLargerThanTheFeatures_IsAClearError()
    {
        var error = Assert.Throws<SaeLabException>(() => SparseProber.Run(Planted(), new ProbeConfig(), [31], "raw"));

        Assert.Contains("--k-sparse", error.Message);
    }
}
