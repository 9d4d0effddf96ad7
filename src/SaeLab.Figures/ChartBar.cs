namespace SaeLab.Figures;

/// <summary>One bar of a <see cref="Chart.Bars"/> chart, with the thresholds that grade its own metric only.</summary>
/// <param name="Label">The bar's name on the axis.</param>
/// <param name="Value">Its height.</param>
/// <param name="Thresholds">Lines drawn across this bar alone.</param>
public sealed record ChartBar(string Label, double Value, IReadOnlyList<ThresholdLine> Thresholds);
