using System.Globalization;
using SaeLab.Training.Architectures;

namespace SaeLab.Experiments;

/// <summary>Labels of the sweep figure's points; the runner draws that figure, so the labels live beside it.</summary>
public static class SweepPlotLabel
{
    /// <summary>
    /// A figure label, short so it stays inside the plot: <c>l1 5E-4, ×4</c> (or <c>k 32</c> for the TopK family;
    /// <c>, 512 f</c>), led by spaces to clear the marker.
    /// </summary>
    public static string Of(SweepPoint point)
    {
        string size = point.Config.Expansion is { } expansion ? $"×{Number(expansion, "0.##")}" : $"{point.Features} f";
        string architecture = point.Name.Contains("@arch=", StringComparison.Ordinal) ? $"{point.Architecture} " : "";
        string sparsity = SaeArchitectures.NeedsK(point.Config.Architecture) ? $"k {point.Config.K}" : $"l1 {Number(point.Config.L1, "0.#E+0")}";
        return $"  {architecture}{sparsity}, {size}";
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
