namespace SaeLab.Statistics;

/// <summary>
/// Paired bootstrap of the accuracy difference of two classifiers on the same items (Efron &amp; Tibshirani 1993,
/// <i>An Introduction to the Bootstrap</i>, ch. 6 and §13.3 percentile interval): resample the items with
/// replacement, keeping each item's pair of outcomes together, and take the 2.5% and 97.5% quantiles of the
/// resampled differences (numpy's default linear interpolation between order statistics). Seeded, so the same
/// seed gives the same interval.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>Resamples used unless told otherwise.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>
    /// Percentile interval, at level <paramref name="confidence"/>, of accuracy(A) − accuracy(B) over
    /// <paramref name="resamples"/> resamples of the items.
    /// </summary>
    public static ConfidenceInterval DifferenceInterval(
        IReadOnlyList<bool> correctA, IReadOnlyList<bool> correctB, int seed, int resamples = DefaultResamples, double confidence = 0.95)
    {
        int n = correctA.Count;
        if (n == 0 || correctB.Count != n)
        {
            throw new ArgumentException($"a paired bootstrap needs the same non-zero number of items ({correctA.Count} vs {correctB.Count})");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        // Each item contributes −1, 0 or +1 to n·(accuracy A − accuracy B).
        int[] delta = Enumerable.Range(0, n).Select(i => (correctA[i] ? 1 : 0) - (correctB[i] ? 1 : 0)).ToArray();
        var random = new Random(seed);
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            int sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += delta[random.Next(n)];
            }

            differences[r] = (double)sum / n;
        }

        Array.Sort(differences);
        double tail = (1 - confidence) / 2;
        return new ConfidenceInterval(Quantile(differences, tail), Quantile(differences, 1 - tail));
    }

    /// <summary>numpy's <c>quantile(..., method="linear")</c> of sorted values: position q·(n − 1), interpolated.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
