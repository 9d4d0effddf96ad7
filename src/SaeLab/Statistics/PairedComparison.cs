using System.Globalization;
using System.Text.Json.Serialization;

namespace SaeLab.Statistics;

/// <summary>
/// Whether two classifiers scored on the same test items differ in accuracy: McNemar's test (see
/// <see cref="McNemarTest"/>) for the p-value and a paired bootstrap (see <see cref="PairedBootstrap"/>) for a 95%
/// interval of the difference. With the seed's 120 test problems an accuracy gap of 7 points is often within
/// chance; this says so in words.
/// </summary>
/// <param name="A">Name of the first classifier (for a probe: source and aggregation).</param>
/// <param name="B">Name of the second.</param>
/// <param name="Items">Paired test items.</param>
/// <param name="AccuracyA">Accuracy of A on the items.</param>
/// <param name="AccuracyB">Accuracy of B on the items.</param>
/// <param name="Difference">AccuracyA − AccuracyB.</param>
/// <param name="DifferenceCi95">Paired-bootstrap 95% percentile interval of the difference.</param>
/// <param name="BootstrapResamples">Bootstrap resamples drawn.</param>
/// <param name="Seed">Seed of the bootstrap.</param>
/// <param name="McNemar">The test: discordant counts, method used, statistic, p-value (JSON <c>mcnemar</c>).</param>
/// <param name="Alpha">Significance level of the verdict.</param>
/// <param name="Significant">Whether McNemar's p-value (<see cref="AdjustedPValue"/> once corrected for a family) is below <see cref="Alpha"/>.</param>
/// <param name="Verdict">The result in words, e.g. "significant at 5% (p = 0.012)".</param>
public sealed record PairedComparison(
    string A,
    string B,
    int Items,
    double AccuracyA,
    double AccuracyB,
    double Difference,
    ConfidenceInterval DifferenceCi95,
    int BootstrapResamples,
    int Seed,
    [property: JsonPropertyName("mcnemar")] McNemarResult McNemar,
    double Alpha,
    bool Significant,
    string Verdict)
{
    /// <summary>The conventional 5% level.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>How many comparisons the family this one was corrected in holds; 1 when it stands alone.</summary>
    public int FamilySize { get; init; } = 1;

    /// <summary>McNemar's p-value after Holm's correction over the family (<see cref="HolmCorrection"/>); the raw one when it stands alone.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>
    /// Each comparison of a family with its Holm-adjusted p-value, and its significance and verdict decided on that:
    /// a table of m pairwise tests at 5% would otherwise call about one in twenty chance differences real.
    /// </summary>
    public static IReadOnlyList<PairedComparison> CorrectedForFamily(IReadOnlyList<PairedComparison> family)
    {
        double[] adjusted = HolmCorrection.Adjust([.. family.Select(c => c.McNemar.PValue)]);
        return [.. family.Select((comparison, i) => comparison.WithAdjustedPValue(adjusted[i], family.Count))];
    }

    private PairedComparison WithAdjustedPValue(double adjusted, int familySize)
    {
        bool significant = adjusted < Alpha;
        string level = (Alpha * 100).ToString("0.##", CultureInfo.InvariantCulture);
        string corrected = familySize == 1 ? "" : $" after Holm's correction for {familySize} comparisons";
        string p = familySize == 1 ? FormatPValue(McNemar.PValue) : $"{FormatPValue(McNemar.PValue)}, adjusted {FormatPValue(adjusted)}";
        string verdict = significant
            ? $"significant at {level}%{corrected} ({p})"
            : $"not significant at {level}%{corrected} ({p}): the test set cannot tell these apart";
        return this with { AdjustedPValue = adjusted, FamilySize = familySize, Significant = significant, Verdict = verdict };
    }

    /// <summary>Compares paired right/wrong outcomes: item i of <paramref name="correctA"/> and <paramref name="correctB"/> is the same item.</summary>
    public static PairedComparison CompareOutcomes(
        string nameA, IReadOnlyList<bool> correctA, string nameB, IReadOnlyList<bool> correctB, int seed,
        McNemarMethod method = McNemarMethod.Auto, int resamples = PairedBootstrap.DefaultResamples, double alpha = DefaultAlpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new SaeLabException($"significance level must be in (0, 1) (got {alpha})");
        }

        McNemarResult test = McNemarTest.Test(correctA, correctB, method);
        ConfidenceInterval ci = PairedBootstrap.DifferenceInterval(correctA, correctB, seed, resamples);
        double accuracyA = correctA.Count(c => c) / (double)correctA.Count;
        double accuracyB = correctB.Count(c => c) / (double)correctB.Count;
        bool significant = test.PValue < alpha;
        string level = (alpha * 100).ToString("0.##", CultureInfo.InvariantCulture);
        string p = FormatPValue(test.PValue);
        string verdict = significant
            ? $"significant at {level}% ({p})"
            : $"not significant at {level}% ({p}): the test set cannot tell these apart";
        return new PairedComparison(nameA, nameB, correctA.Count, accuracyA, accuracyB, accuracyA - accuracyB, ci, resamples, seed, test, alpha, significant, verdict);
    }

    /// <summary>"p = 0.031", or "p &lt; 0.001" where three decimals would show zero.</summary>
    public static string FormatPValue(double p) =>
        p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.000", CultureInfo.InvariantCulture);
}
