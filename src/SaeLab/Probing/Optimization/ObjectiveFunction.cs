namespace SaeLab.Probing.Optimization;

/// <summary>A smooth objective: returns f(x) and writes ∇f(x) into <paramref name="gradient"/> (same length as x).</summary>
public delegate double ObjectiveFunction(ReadOnlySpan<double> x, Span<double> gradient);
