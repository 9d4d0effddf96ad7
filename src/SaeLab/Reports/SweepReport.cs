using System.Text;
using SaeLab.Analysis;
using SaeLab.Experiments;
using SaeLab.Statistics;
using static SaeLab.Reports.ReportFormat;

namespace SaeLab.Reports;

/// <summary>The report's sweep section: one row per grid point, its Pareto-frontier marks and feature-analysis counts, and the two trade-off figures.</summary>
internal static class SweepReport
{
    public const string FrontierMark = "★";

    public static void Append(StringBuilder report, SweepOutcome? sweep)
    {
        if (sweep is null)
        {
            return;
        }

        int seeds = sweep.Points[0].Seeds.Runs.Count;
        FeatureAnalysisSummary analysis = sweep.Points[0].Analysis;
        var table = new MarkdownTable(
        [
            "Config", "Features", "L0", "Explained variance", "Dead", $"Probe accuracy ({(seeds == 1 ? "95% CI" : $"mean ± std over {seeds} seeds")})", "Frontier (EV / accuracy)",
            "Live features", "Label-selective", .. analysis.Dimensions.Select(d => $"Selective by {d.Column} ({string.Join(" / ", d.Values)})"),
        ]);
        foreach (SweepPoint point in sweep.Points)
        {
            table.Row(
            [
                $"**{ShortName(sweep, point)}**",
                $"{point.Features}",
                Spread(point.Seeds.L0Mean, m => Number(m, "F1")),
                Spread(point.Seeds.ExplainedVariance, m => Percent(m, 1), 100),
                Spread(point.Seeds.DeadFraction, m => Percent(m, 1), 100),
                seeds == 1
                    ? $"{Percent(point.Probe.Metrics.Accuracy, 1)} ({Percent(point.Probe.Metrics.AccuracyCi95.Low, 1)} – {Percent(point.Probe.Metrics.AccuracyCi95.High, 1)})"
                    : Spread(point.ProbeAccuracy, m => Percent(m, 1), 100),
                $"{(point.ReconstructionFrontier ? FrontierMark : "·")} / {(point.AccuracyFrontier ? FrontierMark : "·")}",
                $"{point.Analysis.UsedFeatures}",
                $"{point.Analysis.LabelSelectiveFeatures}",
                .. point.Analysis.Dimensions.Select(d => PreferringCounts(d, " / ")),
            ]);
        }

        SweepPoint first = sweep.Points[0];
        report.Append($"## Sweep: {sweep.Name}\n\n")
            .Append($"{sweep.Points.Count} configurations ({first.Config.Epochs} epochs, batch {first.Config.BatchSize}, learning rate {Number(first.Config.LearningRate, "G3")}, ")
            .Append($"seeds {string.Join(", ", first.Seeds.Runs.Select(r => r.Seed))}, trained on {sweep.Subset}), each probed with `{sweep.Aggregation}` aggregation.\n\n")
            .Append(table)
            .Append($"\n{FrontierMark}: on the Pareto frontier — no other configuration is at least as sparse (L0) and at least as good ")
            .Append("(explained variance / probe accuracy), better on one. ")
            .Append(seeds == 1 ? "" : "Values are mean ± sample std over the seeds; the frontiers use the means. ")
            .Append($"Probe accuracies rest on {first.Probe.TestSize} test problems, so differences of a few points are often chance. ")
            .Append($"Feature analysis ({(seeds == 1 ? "" : "first seed; ")}full analysis in `{Experiments.ExperimentRunner.AnalysisFileName}` in each point's folder): live features are used by at least one vector; ")
            .Append($"label-selective ones have label selectivity ≥ {Number(analysis.MinSelectivity)} and are used by ≥ {analysis.MinUsage} vectors; ")
            .Append("the 'selective by' columns count those by the value on which their mean code is highest.\n\n")
            .Append($"![sweep: L0 vs explained variance](figures/{Experiments.ExperimentRunner.ParetoReconstructionFigure})\n")
            .Append($"![sweep: L0 vs probe accuracy](figures/{Experiments.ExperimentRunner.ParetoAccuracyFigure})\n\n");
    }

    /// <summary>The label-selective features preferring each value of <paramref name="dimension"/>, in value order: <c>3 / 0 / 2</c>.</summary>
    public static string PreferringCounts(DimensionSummary dimension, string separator) =>
        string.Join(separator, dimension.Values.Select(v => dimension.SelectivePreferring[v]));

    /// <summary>A grid point's name without the sweep's prefix: <c>l1=0.001,expansion=4</c>.</summary>
    public static string ShortName(SweepOutcome sweep, SweepPoint point) => point.Name[(sweep.Name.Length + 1)..];

    /// <summary>"12.3" with one value, "12.3 ± 0.4" with several; <paramref name="scale"/> turns the std into the mean's units (100 for percent).</summary>
    public static string Spread(MetricSummary summary, Func<double, string> format, double scale = 1) =>
        summary.N == 1 ? format(summary.Mean) : $"{format(summary.Mean)} ± {Number(summary.Std * scale, "F1")}";
}
