using SaeLab.Probing;
using SaeLab.Probing.Metrics;
using SaeLab.Statistics;

namespace SaeLab.Tests.Statistics;

public sealed class PairedComparisonTests
{
    private static readonly bool[] A = Enumerable.Range(0, 120).Select(i => i % 5 != 0).ToArray();
    private static readonly bool[] B = Enumerable.Range(0, 120).Select(i => i % 3 != 0).ToArray();

    [Fact]
    public void BootstrapInterval_ContainsThePointEstimate_AndIsReproducibleBySeed()
    {
        double difference = A.Count(c => c) / 120.0 - B.Count(c => c) / 120.0;

        ConfidenceInterval first = PairedBootstrap.DifferenceInterval(A, B, seed: 3);
        ConfidenceInterval again = PairedBootstrap.DifferenceInterval(A, B, seed: 3);
        // With 10,000 resamples the percentiles land on the same 1/120 steps; 100 resamples show the seed matters.
        ConfidenceInterval few = PairedBootstrap.DifferenceInterval(A, B, seed: 3, resamples: 100);
        ConfidenceInterval fewOther = PairedBootstrap.DifferenceInterval(A, B, seed: 4, resamples: 100);

        Assert.InRange(difference, first.Low, first.High);
        Assert.Equal(first, again);
        Assert.NotEqual(few, fewOther);
    }

    [Fact]
    public void BootstrapInterval_IsNearTheNormalApproximation()
    {
        // Paired differences d_i ∈ {−1, 0, 1}: se = sd(d)/√n; the percentile interval is close to ±1.96·se.
        double[] d = A.Zip(B, (a, b) => (a ? 1.0 : 0) - (b ? 1.0 : 0)).ToArray();
        double mean = d.Average(), se = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / d.Length / d.Length);

        ConfidenceInterval ci = PairedBootstrap.DifferenceInterval(A, B, seed: 0);

        Assert.Equal(mean - 1.96 * se, ci.Low, 0.02);
        Assert.Equal(mean + 1.96 * se, ci.High, 0.02);
    }

    [Fact]
    public void Quantile_InterpolatesLikeNumpy()
    {
        // np.quantile([1, 2, 4, 8], 0.25) = 1.75; 0.9 → 6.8.
        Assert.Equal(1.75, PairedBootstrap.Quantile([1, 2, 4, 8], 0.25), 1e-12);
        Assert.Equal(6.8, PairedBootstrap.Quantile([1, 2, 4, 8], 0.9), 1e-12);
    }

    [Fact]
    public void Compare_PairsByProblemId_AndSaysWhetherItIsSignificant()
    {
        long[] problems = Enumerable.Range(0, 40).Select(i => (long)i).ToArray();
        string[] truth = problems.Select(p => p % 2 == 0 ? "x" : "y").ToArray();
        ProbeResult good = Result("good", problems, truth, truth);
        string[] mostlyWrong = truth.Select((t, i) => i < 30 ? (t == "x" ? "y" : "x") : t).ToArray();
        // The second result lists its problems in another order: pairing must follow ids.
        ProbeResult bad = Result("bad", [.. problems.Reverse()], [.. truth.Reverse()], [.. mostlyWrong.Reverse()]);

        PairedComparison differs = ProbeComparison.Compare(good, bad, seed: 1);
        PairedComparison same = ProbeComparison.Compare(good, good, seed: 1);

        Assert.Equal((30, 0), (differs.McNemar.OnlyA, differs.McNemar.OnlyB));
        Assert.Equal(0.75, differs.Difference, 1e-12);
        Assert.True(differs.Significant);
        Assert.StartsWith("significant at 5%", differs.Verdict);
        Assert.False(same.Significant);
        Assert.Contains("cannot tell these apart", same.Verdict);
    }

    [Fact]
    public void Compare_DifferentTestSets_IsAClearError()
    {
        ProbeResult a = Result("a", [1, 2], ["x", "y"], ["x", "y"]);
        ProbeResult b = Result("b", [1, 3], ["x", "y"], ["x", "y"]);

        var error = Assert.Throws<SaeLabException>(() => ProbeComparison.Compare(a, b, 0));

        Assert.Contains("different test problems", error.Message);
    }

    internal static ProbeResult Result(string source, long[] problems, string[] truth, string[] predicted)
    {
        string[] classes = truth.Distinct().Order(StringComparer.Ordinal).ToArray();
        var metrics = ClassificationMetrics.Compute(
            truth.Select(t => Array.IndexOf(classes, t)).ToArray(), predicted.Select(p => Array.IndexOf(classes, p)).ToArray(), classes);
        return new ProbeResult("mean", source, "operation_types", false, 0.2, 42, 0, problems.Length, 1, 1, true, 0, metrics, problems, truth, predicted);
    }
}
