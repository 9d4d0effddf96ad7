namespace SaeLab.Statistics;

/// <summary>
/// Holm's step-down correction for a family of tests (Holm 1979, "A simple sequentially rejective multiple test
/// procedure"): with m p-values sorted ascending, the i-th (1-based) is scaled by m − i + 1, each adjusted value is at
/// least the one before it, and none exceeds 1. Rejecting where the adjusted p-value is below α keeps the chance of
/// any false "significant" in the family at most α; it is uniformly more powerful than Bonferroni's m · p. Agrees with
/// statsmodels' <c>multipletests(p, method="holm")</c>.
/// </summary>
public static class HolmCorrection
{
    /// <summary>The adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    /// <exception cref="ArgumentException">A p-value is NaN or outside [0, 1].</exception>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        if (pValues.Any(p => !(p >= 0 && p <= 1)))
        {
            throw new ArgumentException("p-values must lie in [0, 1]", nameof(pValues));
        }

        int m = pValues.Count;
        int[] ascending = [.. Enumerable.Range(0, m).OrderBy(i => pValues[i])];
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[ascending[rank]]));
            adjusted[ascending[rank]] = running;
        }

        return adjusted;
    }
}
