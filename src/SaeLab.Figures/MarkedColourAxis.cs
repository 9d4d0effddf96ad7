using ScottPlot;

namespace SaeLab.Figures;

/// <summary>
/// The colour axis a heatmap's colour bar is drawn from: the heatmap's colormap over the <see cref="ColourScale"/>'s
/// fixed range, with a thin black band at the scale's marker, so that the bar shows where chance lies.
/// The cells themselves keep the plain colormap.
/// </summary>
internal sealed class MarkedColourAxis(IColormap colormap, ColourScale scale) : IHasColorAxis
{
    // Half the band's height, as a fraction of the bar: about 2 pixels of the 400-pixel bar.
    private const double HalfBand = 0.005;

    public IColormap Colormap { get; } = scale.Marker is double marker ? new Marked(colormap, scale.Fraction(marker)) : colormap;

    public ScottPlot.Range GetRange() => new(scale.Min, scale.Max);

    private sealed class Marked(IColormap inner, double at) : IColormap
    {
        public string Name => $"{inner.Name} marked at {at:0.###}";

        public Color GetColor(double position) => Math.Abs(position - at) <= HalfBand ? Colors.Black : inner.GetColor(position);
    }
}
