using System.Globalization;
using System.Text;
using SaeLab.Evaluation;

namespace SaeLab.Reports;

/// <summary>An evaluation as a short plain-text summary for the terminal, as <c>saelab eval</c> prints it.</summary>
public static class EvaluationReport
{
    public static string Text(EvaluationResult result)
    {
        EvaluationMetrics m = result.Metrics;
        VerdictThresholds t = result.Verdict.Thresholds;
        var text = new StringBuilder();
        Line(text, $"Evaluation of {m.DSae} features (d_in {m.DIn}) on {m.Vectors} vectors ({result.Data})");
        Line(text, $"Reconstruction: {Grade(result.Verdict.Reconstruction)} (explained variance > {t.ExplainedVarianceGood:G3} GOOD, > {t.ExplainedVarianceFair:G3} FAIR)");
        Line(text, $"  mse                 {m.Mse:G6}");
        Line(text, $"  explained variance  {m.ExplainedVariance:P2}");
        Line(text, $"  cosine similarity   {m.CosineSimilarity:P2}");
        if (m.CosineIsUninformative)
        {
            Line(text, $"  (the data's mean vector alone scores cosine {m.MeanVectorCosine:P2}: a large shared mean makes cosine uninformative; read explained variance)");
        }

        Line(text, $"Sparsity: {Grade(result.Verdict.Sparsity)} (GOOD: dead fraction < {t.DeadFractionGood:G3} and L0 < {t.L0PerInputGood:G3}·d_in; FAIR: < {t.DeadFractionFair:G3} and < {t.L0PerInputFair:G3}·d_in; active: |z| > {m.ActiveThreshold:G3})");
        Line(text, $"  L0                  {m.L0Mean:0.##} ± {m.L0Std:0.##} features per vector ({m.L0Fraction:P2} of {m.DSae}; {m.L0PerInput:P2} of d_in)");
        Line(text, $"  L1                  {m.L1Mean:G6}");
        Line(text, $"  dead features       {m.DeadFeatures} ({m.DeadFraction:P2}); active {m.ActiveFeatures}");
        return text.ToString();
    }

    /// <summary>A verdict as the seed writes it: GOOD, FAIR, POOR.</summary>
    internal static string Grade(Verdict verdict) => verdict.ToString().ToUpperInvariant();

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
