namespace SaeLab.Analysis;

/// <summary>
/// One quantile band of a feature's activations (SAEDashboard's "activation intervals", by quantile so every band
/// holds the same share of the vectors it fires on), with a few vectors from it.
/// </summary>
/// <param name="FromQuantile">Lower quantile, e.g. 0.8.</param>
/// <param name="ToQuantile">Upper quantile, e.g. 1.</param>
/// <param name="Lower">Smallest activation in the band.</param>
/// <param name="Upper">Largest activation in the band.</param>
/// <param name="Samples">Vectors spread evenly over the band, strongest first.</param>
public sealed record QuantileBand(double FromQuantile, double ToQuantile, float Lower, float Upper, IReadOnlyList<FeatureExample> Samples)
{
    /// <summary>Bands per feature.</summary>
    public const int Count = 5;

    /// <summary>Samples shown per band.</summary>
    public const int SamplesPerBand = 5;

    /// <summary>The bands of <paramref name="sorted"/> (ascending by activation, at least one), highest band first.</summary>
    public static IReadOnlyList<QuantileBand> Of(IReadOnlyList<FeatureExample> sorted)
    {
        var bands = new List<QuantileBand>(Count);
        for (int b = Count - 1; b >= 0; b--)
        {
            int from = b * sorted.Count / Count, to = (b + 1) * sorted.Count / Count;
            if (to > from)
            {
                bands.Add(new QuantileBand((double)b / Count, (double)(b + 1) / Count, sorted[from].Activation, sorted[to - 1].Activation, Spread(sorted, from, to)));
            }
        }

        return bands;
    }

    private static FeatureExample[] Spread(IReadOnlyList<FeatureExample> sorted, int from, int to)
    {
        int take = Math.Min(SamplesPerBand, to - from);
        return Enumerable.Range(0, take)
            .Select(i => sorted[to - 1 - (int)((long)i * (to - from) / take)])
            .ToArray();
    }
}
