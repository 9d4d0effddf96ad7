namespace SaeLab.Figures;

/// <summary>A labelled reference value drawn across one bar of a <see cref="Chart.Bars"/> chart, e.g. a verdict's threshold.</summary>
/// <param name="Value">Where the line sits on the value axis.</param>
/// <param name="Label">What it marks (<c>GOOD &gt; 0.9</c>), written beside it.</param>
public sealed record ThresholdLine(double Value, string Label);
