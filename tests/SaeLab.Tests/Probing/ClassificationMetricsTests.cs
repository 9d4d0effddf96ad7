using SaeLab.Probing.Metrics;
using SaeLab.Statistics;

namespace SaeLab.Tests.Probing;

public sealed class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Compute_HandWorkedThreeClassCase()
    {
        // truth a a a b b c, predicted a a b b c c: confusion [[2,1,0],[0,1,1],[0,0,1]].
        int[] truth = [0, 0, 0, 1, 1, 2], predicted = [0, 0, 1, 1, 2, 2];

        var m = ClassificationMetrics.Compute(truth, predicted, ["a", "b", "c"]);

        Assert.Equal([[2, 1, 0], [0, 1, 1], [0, 0, 1]], m.ConfusionMatrix);
        Assert.Equal(4.0 / 6, m.Accuracy, Tolerance);
        // a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1/1, F1 2/3.
        AssertClose(new ClassMetrics(1, 2.0 / 3, 0.8, 3), m.PerClass["a"]);
        AssertClose(new ClassMetrics(0.5, 0.5, 0.5, 2), m.PerClass["b"]);
        AssertClose(new ClassMetrics(0.5, 1, 2.0 / 3, 1), m.PerClass["c"]);
        Assert.Equal((1 + 0.5 + 0.5) / 3, m.MacroPrecision, Tolerance);
        Assert.Equal((2.0 / 3 + 0.5 + 1) / 3, m.MacroRecall, Tolerance);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, m.MacroF1, Tolerance);
    }

    [Fact]
    public void Compute_ANeverPredictedClassScoresZeroNotNaN()
    {
        var m = ClassificationMetrics.Compute([0, 1, 1], [1, 1, 1], ["a", "b"]);

        Assert.Equal(new ClassMetrics(0, 0, 0, 1), m.PerClass["a"]);
        AssertClose(new ClassMetrics(2.0 / 3, 1, 0.8, 2), m.PerClass["b"]);
    }

    [Theory]
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat. Med. 17, table I, method 3.
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_MatchesKnownIntervals(int successes, int trials, double low, double high)
    {
        ConfidenceInterval ci = ConfidenceInterval.Wilson(successes, trials);

        Assert.Equal(low, ci.Low, 5e-5);
        Assert.Equal(high, ci.High, 5e-5);
    }

    private static void AssertClose(ClassMetrics expected, ClassMetrics actual)
    {
        Assert.Equal(expected.Precision, actual.Precision, Tolerance);
        Assert.Equal(expected.Recall, actual.Recall, Tolerance);
        Assert.Equal(expected.F1, actual.F1, Tolerance);
        Assert.Equal(expected.Support, actual.Support);
    }
}
