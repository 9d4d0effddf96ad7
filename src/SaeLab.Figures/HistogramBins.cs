namespace SaeLab.Figures;

/// <summary>
/// Equal-width histogram bins over the finite values given: <see cref="Equal"/> spreads a bin count over the range;
/// <see cref="IntegerAligned"/> puts every integer inside one bin (edges at half-integers), so that a count such as
/// "used by 3 vectors" is never split between bars or merged with its neighbour at a bin edge.
/// </summary>
/// <param name="Start">Left edge of the first bin.</param>
/// <param name="Width">Width of every bin.</param>
/// <param name="Counts">Values in each bin, [start + i·width, start + (i+1)·width); the last bin also holds its right edge.</param>
public sealed record HistogramBins(double Start, double Width, int[] Counts)
{
    /// <summary>Centre of bin <paramref name="bin"/>.</summary>
    public double Centre(int bin) => Start + (bin + 0.5) * Width;

    /// <summary><paramref name="bins"/> equal bins from the smallest to the largest finite value (one unit wide when they are equal).</summary>
    public static HistogramBins Equal(IReadOnlyList<double> values, int bins)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length == 0)
        {
            return new HistogramBins(0, 1, []);
        }

        double min = finite.Min(), max = finite.Max();
        return Fill(finite, min, max > min ? (max - min) / bins : 1, bins);
    }

    /// <summary>
    /// Bins centred on integers from the smallest to the largest value (rounded), each a whole number of integers wide,
    /// as few as keep at most <paramref name="maxBins"/> bins.
    /// </summary>
    public static HistogramBins IntegerAligned(IReadOnlyList<double> values, int maxBins)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length == 0)
        {
            return new HistogramBins(0, 1, []);
        }

        double low = Math.Round(finite.Min()), high = Math.Round(finite.Max());
        double width = Math.Max(1, Math.Ceiling((high - low + 1) / maxBins));
        int bins = (int)Math.Ceiling((high - low + 1) / width);
        return Fill(finite, low - 0.5, width, bins);
    }

    private static HistogramBins Fill(double[] values, double start, double width, int bins)
    {
        int[] counts = new int[bins];
        foreach (double value in values)
        {
            counts[Math.Clamp((int)Math.Floor((value - start) / width), 0, bins - 1)]++;
        }

        return new HistogramBins(start, width, counts);
    }
}
