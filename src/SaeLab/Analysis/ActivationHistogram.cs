namespace SaeLab.Analysis;

/// <summary>Counts of a feature's activations in equal-width bins from <paramref name="Low"/> to <paramref name="High"/> (the last bin includes High).</summary>
/// <param name="Low">Lower edge of the first bin: 0, where a ReLU code starts.</param>
/// <param name="High">Upper edge of the last bin: the largest sampled activation.</param>
/// <param name="Counts">Activations per bin.</param>
public sealed record ActivationHistogram(double Low, double High, IReadOnlyList<int> Counts)
{
    /// <summary>Bins of every histogram.</summary>
    public const int Bins = 24;

    /// <summary>The histogram of <paramref name="values"/> (sorted ascending, at least one).</summary>
    public static ActivationHistogram Of(IReadOnlyList<float> values)
    {
        double low = Math.Min(0, values[0]), high = values[^1];
        var counts = new int[Bins];
        double width = (high - low) / Bins;
        foreach (float value in values)
        {
            int bin = width > 0 ? (int)((value - low) / width) : Bins - 1;
            counts[Math.Clamp(bin, 0, Bins - 1)]++;
        }

        return new ActivationHistogram(low, high, counts);
    }
}
