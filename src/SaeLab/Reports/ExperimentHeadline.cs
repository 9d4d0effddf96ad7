using System.Text;
using SaeLab.Experiments;
using static SaeLab.Reports.ReportFormat;

namespace SaeLab.Reports;

/// <summary>The few lines a terminal shows after an experiment: each SAE's quality, each probe's accuracy, the time.</summary>
public static class ExperimentHeadline
{
    public static string Render(ExperimentResults results)
    {
        var text = new StringBuilder();
        foreach (SaeOutcome sae in results.Saes)
        {
            text.Append($"sae {sae.Name,-14} features {sae.Features,6}  explained variance {Percent(sae.Metrics.ExplainedVariance),7}  ")
                .Append($"dead {Percent(sae.Metrics.DeadFraction),7}  L0 {Number(sae.Metrics.L0Mean, "F1"),6}  {(sae.TrainingSeconds is { } seconds ? $"trained in {Seconds(seconds)}" : $"loaded from {sae.LoadedFrom}")}\n");
        }

        foreach (ProbeOutcome probe in results.Probes)
        {
            var metrics = probe.Result.Metrics;
            text.Append($"probe {probe.Spec.Name,-12} {probe.Spec.Source + ": " + probe.Result.Aggregation,-28} accuracy {Percent(metrics.Accuracy, 1),6}  ")
                .Append($"(95% CI {Percent(metrics.AccuracyCi95.Low, 1)} – {Percent(metrics.AccuracyCi95.High, 1)})\n");
        }

        foreach (SweepPoint point in results.Sweep?.Points ?? [])
        {
            text.Append($"sweep {point.Name,-30} L0 {Number(point.Seeds.L0Mean.Mean, "F1"),6}  explained variance {Percent(point.Seeds.ExplainedVariance.Mean),7}  ")
                .Append($"probe {Percent(point.ProbeAccuracy.Mean, 1),6}  live {point.Analysis.UsedFeatures,5}  selective {point.Analysis.LabelSelectiveFeatures,4}")
                .Append($" ({string.Join(", ", point.Analysis.Dimensions.Select(d => $"{d.Column} {SweepReport.PreferringCounts(d, "/")}"))})")
                .Append($"{(point.ReconstructionFrontier || point.AccuracyFrontier ? "  (frontier)" : "")}\n");
        }

        foreach (SparseProbeOutcome probe in results.SparseProbes)
        {
            text.Append($"k-sparse {probe.Spec.Name,-16} ").AppendJoin("  ", probe.Result.Entries.Select(e => $"k={e.K} {Percent(e.Result.Metrics.Accuracy, 1)}")).Append('\n');
        }

        foreach (SaeBenchProbeOutcome probe in results.SaeBenchProbes)
        {
            text.Append($"saebench {probe.Spec.Name,-16} ").AppendJoin("  ", probe.Result.MeanAccuracy.Select(m => $"k={m.K} {Percent(m.Accuracy, 1)}")).Append(" (mean over tasks)\n");
        }

        foreach (HybridProbeOutcome probe in results.HybridProbes)
        {
            text.Append($"hybrid {probe.Spec.Name,-18} {Percent(probe.Result.SaeDirections.Metrics.Accuracy, 1)} (pca {Percent(probe.Result.Pca.Metrics.Accuracy, 1)}, raw {Percent(probe.Result.RawAll.Metrics.Accuracy, 1)})\n");
        }

        text.Append($"total {Seconds(results.Stages.Sum(s => s.Seconds))}\n");
        return text.ToString();
    }
}
