namespace SaeLab.Probing.Metrics;

/// <summary>One class's scores on the test set (scikit-learn's <c>precision_recall_fscore_support</c>, zero where undefined).</summary>
/// <param name="Precision">Correct predictions of the class over all predictions of it; 0 when it was never predicted.</param>
/// <param name="Recall">Correct predictions of the class over its test samples; 0 when it has none.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">Number of test samples of the class.</param>
public sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);
