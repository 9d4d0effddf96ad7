using SaeLab.Statistics;

namespace SaeLab.Probing.Grid;

/// <summary>One probe of an <see cref="AccuracyGrid"/>: token <paramref name="Token"/> at layer <paramref name="Layer"/>.</summary>
public sealed record GridCell(long Token, long Layer, double Accuracy, ConfidenceInterval AccuracyCi95, double MacroF1, int Iterations, bool Converged);
