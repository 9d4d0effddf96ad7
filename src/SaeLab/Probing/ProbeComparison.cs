using SaeLab.Statistics;

namespace SaeLab.Probing;

/// <summary>
/// Paired comparison of two probe results: pairs their per-problem test outcomes and hands the plain right/wrong
/// arrays to <see cref="PairedComparison.CompareOutcomes"/>, so Statistics need not know probe result types.
/// </summary>
public static class ProbeComparison
{
    /// <summary>
    /// Compares two probes item by item. They must have been scored on the same test problems (same data, split seed
    /// and test size); items are paired by problem id, so their order does not matter.
    /// </summary>
    public static PairedComparison Compare(
        ProbeResult a, ProbeResult b, int seed,
        McNemarMethod method = McNemarMethod.Auto, int resamples = PairedBootstrap.DefaultResamples, double alpha = PairedComparison.DefaultAlpha)
    {
        RequirePredictions(a);
        RequirePredictions(b);
        bool[] correctA = a.TestCorrectness();
        var correctOfB = b.TestProblems.Zip(b.TestCorrectness()).ToDictionary(p => p.First, p => p.Second);
        if (b.TestProblems.Length != a.TestProblems.Length || a.TestProblems.Any(p => !correctOfB.ContainsKey(p)))
        {
            throw new SaeLabException(
                $"'{Name(a)}' and '{Name(b)}' were scored on different test problems ({a.TestProblems.Length} and {b.TestProblems.Length}); "
                + "a paired comparison needs the same data, --split-seed and --test-size for both");
        }

        bool[] correctB = a.TestProblems.Select(p => correctOfB[p]).ToArray();
        return PairedComparison.CompareOutcomes(Name(a), correctA, Name(b), correctB, seed, method, resamples, alpha);
    }

    private static void RequirePredictions(ProbeResult result)
    {
        if (result.TestProblems is null || result.TestLabels is null || result.TestPredictions is null
            || result.TestLabels.Length != result.TestProblems.Length || result.TestPredictions.Length != result.TestProblems.Length)
        {
            throw new SaeLabException("a probe result lacks per-problem test_labels and test_predictions (written by an older saelab, or not a probe result); rerun saelab probe --out");
        }
    }

    private static string Name(ProbeResult result) => $"{result.Source} {result.Aggregation}";
}
