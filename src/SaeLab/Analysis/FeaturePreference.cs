namespace SaeLab.Analysis;

/// <summary>
/// One feature against one metadata dimension (label, layer or token): its mean code per value, the value
/// with the largest mean, and selectivity = largest mean ÷ average of the means (1 for a feature that fires
/// alike everywhere, the number of values for one that fires on a single value only).
/// </summary>
/// <param name="Preferred">The value with the largest mean (the first such in value order); null when the average of the means is not positive (the feature never fires).</param>
/// <param name="Selectivity">Largest mean ÷ average of the means; 0 when that average is not positive.</param>
/// <param name="Means">Mean code over the vectors of each value, in value order.</param>
public sealed record FeaturePreference(string? Preferred, double Selectivity, IReadOnlyDictionary<string, double> Means)
{
    /// <summary>Largest of <paramref name="means"/> ÷ their average; 0 when that average is not positive.</summary>
    public static double SelectivityOf(IReadOnlyList<double> means)
    {
        double average = means.Average();
        return average > 0 ? means.Max() / average : 0;
    }

    /// <summary>The preference given the mean for each of <paramref name="values"/>.</summary>
    public static FeaturePreference From(IReadOnlyList<string> values, IReadOnlyList<double> means)
    {
        int best = 0;
        var byValue = new Dictionary<string, double>(values.Count, StringComparer.Ordinal);
        for (int i = 0; i < means.Count; i++)
        {
            byValue[values[i]] = means[i];
            if (means[i] > means[best])
            {
                best = i;
            }
        }

        double selectivity = SelectivityOf(means);
        return selectivity > 0
            ? new FeaturePreference(values[best], selectivity, byValue)
            : new FeaturePreference(null, 0, byValue);
    }
}
