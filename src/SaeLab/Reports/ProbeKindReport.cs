using System.Text;
using SaeLab.Experiments;
using SaeLab.Probing;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Sparse;
using SaeLab.Statistics;
using static SaeLab.Reports.ReportFormat;

namespace SaeLab.Reports;

/// <summary>The report's sections for cross-validated, k-sparse (both protocols) and hybrid probes.</summary>
internal static class ProbeKindReport
{
    public static void CrossValidated(StringBuilder report, IReadOnlyList<ProbeOutcome> probes)
    {
        var validated = probes.Where(p => p.CrossValidation is not null).ToList();
        if (validated.Count == 0)
        {
            return;
        }

        var table = new MarkdownTable("Probe", "Folds × repeats", "Accuracy (mean ± std)", "Range", "Macro F1 (mean ± std)", "Single split");
        foreach (ProbeOutcome probe in validated)
        {
            CrossValidationResult cv = probe.CrossValidation!;
            table.Row(
                $"**{probe.Spec.Name}**", $"{cv.Folds} × {cv.Repeats}", SweepReport.Spread(cv.Accuracy, m => Percent(m, 1), 100),
                $"{Percent(cv.Accuracy.Min, 1)} – {Percent(cv.Accuracy.Max, 1)}", $"{Number(cv.MacroF1.Mean, "F2")} ± {Number(cv.MacroF1.Std, "F2")}", Percent(probe.Result.Metrics.Accuracy, 1));
        }

        report.Append("### Cross-Validated Accuracy\n\n").Append(table)
            .Append("\nRepeated stratified k-fold (scikit-learn's `RepeatedStratifiedKFold`): every problem is tested once per repeat; the std over folds shows how far one split can move the score.\n\n");
    }

    public static void Sparse(StringBuilder report, IReadOnlyList<SparseProbeOutcome> probes)
    {
        if (probes.Count == 0)
        {
            return;
        }

        int[] ks = [.. probes.SelectMany(p => p.Result.Entries.Select(e => e.K)).Distinct().Order()];
        var table = new MarkdownTable(["Probe", "Features", .. ks.Select(k => $"k = {k}")]);
        foreach (SparseProbeOutcome probe in probes)
        {
            table.Row([
                $"**{probe.Spec.Name}**",
                $"{probe.Spec.Source}: {probe.Result.Aggregation} ({probe.Result.TotalFeatures})",
                .. ks.Select(k => probe.Result.Entries.FirstOrDefault(e => e.K == k) is { } entry ? Percent(entry.Result.Metrics.Accuracy, 1) : "-")]);
        }

        report.Append("### k-Sparse Probes: Accuracy vs k\n\n").Append(table)
            .Append("\nThe top k features by their largest one-vs-rest difference of class means on the training split, then one multiclass logistic regression on those alone ")
            .Append("(SaeLab's multiclass adaptation of SAEBench's sparse probing: chance is one over the number of classes, so these are not SAEBench's numbers; `protocol: saebench` gives those). ")
            .Append("High accuracy at small k means a few features carry the label.\n\n");
    }

    public static void SaeBench(StringBuilder report, IReadOnlyList<SaeBenchProbeOutcome> probes)
    {
        foreach (SaeBenchProbeOutcome probe in probes)
        {
            SaeBenchProbeResult result = probe.Result;
            var table = new MarkdownTable(["k", .. result.Tasks.Select(t => $"{t.Task.Positive} vs rest"), "Mean (SAEBench's score)", "95% CI (Wilson, pooled)"]);
            for (int i = 0; i < result.MeanAccuracy.Count; i++)
            {
                TaskMeanAccuracy mean = result.MeanAccuracy[i];
                table.Row([
                    $"{mean.K}", .. result.Tasks.Select(t => Percent(t.Entries[i].Result.Metrics.Accuracy, 1)),
                    $"**{Percent(mean.Accuracy, 1)}**", $"{Percent(mean.AccuracyCi95.Low, 1)} – {Percent(mean.AccuracyCi95.High, 1)}"]);
            }

            BinaryProbeTask first = result.Tasks[0].Task;
            report.Append($"### SAEBench Sparse Probing: {probe.Spec.Name}\n\n")
                .Append($"Source `{probe.Spec.Source}`, aggregation `{result.Aggregation}`: one binary task per class, the class against the rest with as many negatives as positives ")
                .Append($"drawn evenly from the other classes (e.g. {first.TrainPositives} + {first.TrainPositives} training and {first.TestPositives} + {first.TestPositives} test problems for {first.Positive}; chance 50%); ")
                .Append("the top k features by |mean difference| on each task's training part, then logistic regression on those alone. The mean over tasks is comparable with SAEBench's sparse-probing scores.\n\n")
                .Append(table).Append('\n');
        }
    }

    public static void Hybrid(StringBuilder report, IReadOnlyList<HybridProbeOutcome> probes)
    {
        foreach (HybridProbeOutcome probe in probes)
        {
            HybridProbeResult result = probe.Result;
            var table = new MarkdownTable("Features (k = " + result.K + ")", "Accuracy", "95% CI (Wilson)", "Hybrid minus this", "McNemar", "Verdict");
            table.Row("**SAE directions × raw magnitudes (hybrid)**", Percent(result.SaeDirections.Metrics.Accuracy, 1), Interval(result.SaeDirections), "-", "-", "-");
            (string Name, ProbeResult Result)[] baselines =
            [
                ($"PCA, top {result.K} components", result.Pca),
                ($"raw, top {result.K} dimensions (ANOVA F)", result.RawTopDimensions),
                ($"SAE codes, top {result.K} (ANOVA F)", result.SaeTopCodes),
                ("raw, all dimensions", result.RawAll),
            ];
            foreach (var ((name, other), comparison) in baselines.Zip(result.Comparisons))
            {
                table.Row(
                    name, Percent(other.Metrics.Accuracy, 1), Interval(other), $"{Signed(comparison.Difference * 100, "F1")} pts",
                    PairedComparison.FormatPValue(comparison.McNemar.PValue), comparison.Verdict);
            }

            report.Append($"### Hybrid Probe: {probe.Spec.Name}\n\n")
                .Append($"Source `{probe.Spec.Source}`, aggregation `{result.Aggregation}`: the {result.K} SAE features with the highest ANOVA F on the training split ")
                .Append("give directions; each problem's raw activations projected onto them are the probe's features. Same split for every row.\n\n")
                .Append(table).Append('\n');
        }
    }

    private static string Interval(ProbeResult result) =>
        $"{Percent(result.Metrics.AccuracyCi95.Low, 1)} – {Percent(result.Metrics.AccuracyCi95.High, 1)}";
}
