namespace SaeLab.Statistics;

/// <summary>A two-sided confidence interval [Low, High].</summary>
public sealed record ConfidenceInterval(double Low, double High)
{
    /// <summary>The 0.975 quantile of the standard normal: a 95% two-sided interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson's score interval for a binomial proportion (Wilson 1927; Brown, Cai &amp; DasGupta 2001, eq. 4):
    /// centre (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²). Unlike p̂ ± z·se it stays
    /// inside [0, 1] and is sensible at p̂ = 0 or 1 and for the ~120-sample test sets probes have.
    /// </summary>
    public static ConfidenceInterval Wilson(int successes, int trials, double z = Z95)
    {
        if (trials <= 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), $"{successes} successes in {trials} trials");
        }

        double n = trials, p = successes / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new ConfidenceInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
