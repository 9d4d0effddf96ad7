namespace SaeLab.Figures;

/// <summary>
/// The fixed colour range of a <see cref="Chart.Heatmap"/>, so that heatmaps of one kind are drawn on one scale and
/// read alike (not each stretched to its own maximum), with an optional marked value on the colour bar (chance).
/// </summary>
/// <param name="Min">Value drawn in the colormap's first colour.</param>
/// <param name="Max">Value drawn in its last colour.</param>
/// <param name="Label">The colour bar's title.</param>
/// <param name="Marker">A value marked by a line on the colour bar, or null.</param>
/// <param name="MarkerLabel">The marker's tick label.</param>
public sealed record ColourScale(double Min, double Max, string Label, double? Marker = null, string? MarkerLabel = null)
{
    /// <summary>Where <paramref name="value"/> sits between <see cref="Min"/> (0) and <see cref="Max"/> (1), clamped.</summary>
    public double Fraction(double value) => Math.Clamp((value - Min) / (Max - Min), 0, 1);
}
