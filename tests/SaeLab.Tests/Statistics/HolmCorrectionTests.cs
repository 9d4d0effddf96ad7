using SaeLab.Statistics;

namespace SaeLab.Tests.Statistics;

/// <summary>Holm's step-down adjustment, against values worked by hand (and statsmodels' multipletests(method="holm")).</summary>
public sealed class HolmCorrectionTests
{
    [Fact]
    public void Adjust_ScalesBySortedRank_KeepsOrder_AndCapsAtOne()
    {
        // Sorted 0.01, 0.02, 0.04, 0.5 scale by 4, 3, 2, 1: 0.04, 0.06, 0.08, 0.5; given back in input order.
        double[] adjusted = HolmCorrection.Adjust([0.04, 0.01, 0.5, 0.02]);

        Assert.Equal([0.08, 0.04, 0.5, 0.06], adjusted.Select(p => Math.Round(p, 12)));
        Assert.Equal([1.0, 1.0], HolmCorrection.Adjust([0.6, 0.7]));
        // Monotone: a larger raw p never gets a smaller adjusted one (0.03 · 2 = 0.06 < 0.021 · 3 = 0.063).
        Assert.Equal([0.063, 0.063, 0.063], HolmCorrection.Adjust([0.021, 0.021, 0.03]).Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void AFamily_CallsSignificantOnlyWhatSurvivesTheCorrection()
    {
        bool[] truth = [.. Enumerable.Range(0, 120).Select(i => i % 5 != 0)];
        bool[] worse = [.. truth.Select((t, i) => t && i % 9 != 1)];
        PairedComparison alone = PairedComparison.CompareOutcomes("a", truth, "b", worse, seed: 1);
        PairedComparison[] family = [alone, alone with { A = "c" }, alone with { A = "d" }];

        IReadOnlyList<PairedComparison> corrected = PairedComparison.CorrectedForFamily(family);

        Assert.True(alone.Significant, alone.Verdict);
        Assert.All(corrected, c => Assert.Equal(Math.Min(1, 3 * alone.McNemar.PValue), c.AdjustedPValue!.Value, 12));
        Assert.Equal(alone.McNemar.PValue * 3 < 0.05, corrected[0].Significant);
        Assert.Contains("Holm's correction for 3 comparisons", corrected[0].Verdict, StringComparison.Ordinal);
        Assert.Equal(alone.Verdict, PairedComparison.CorrectedForFamily([alone])[0].Verdict);
    }
}
