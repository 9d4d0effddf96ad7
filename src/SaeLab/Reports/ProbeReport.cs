using System.Globalization;
using System.Text;
using SaeLab.Probing;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Metrics;
using SaeLab.Probing.Sparse;
using SaeLab.Statistics;

namespace SaeLab.Reports;

/// <summary>
/// Plain-text (markdown) summaries of every probe (one split, cross-validation, k-sparse of both protocols, hybrid) and
/// of paired comparisons, as the CLI prints them; the grid's is <see cref="AccuracyGridReport"/>.
/// </summary>
public static class ProbeReport
{
    /// <summary>Accuracy with its interval and macro F1, the split and fit, the floors (majority class, chance), then each class's precision, recall and F1.</summary>
    public static string Text(ProbeResult result)
    {
        ClassificationMetrics m = result.Metrics;
        var text = new StringBuilder();
        text.Append(Invariant($"{result.Source} {result.Aggregation}: accuracy {m.Accuracy:0.000} (95% CI {m.AccuracyCi95.Low:0.000}-{m.AccuracyCi95.High:0.000}), macro F1 {m.MacroF1:0.000}\n"));
        text.Append(Invariant($"{result.TrainSize} train / {result.TestSize} test problems, {result.NFeatures} features, {result.Iterations} iterations{(result.Converged ? "" : " (not converged)")}, {result.FitSeconds:0.00} s\n"));
        text.Append(Invariant($"floors: majority class ({result.MajorityClass}) {result.MajorityAccuracy:0.000}, chance {result.ChanceAccuracy:0.000}{(result.AtMajorityRate ? "; the probe does no better than always predicting the majority class" : "")}\n"));
        foreach (var (label, c) in m.PerClass)
        {
            text.Append(Invariant($"  {label,-22} precision {c.Precision:0.000}  recall {c.Recall:0.000}  f1 {c.F1:0.000}  support {c.Support}\n"));
        }

        return text.ToString();
    }

    /// <summary>Mean ± std of accuracy and macro F1 over folds, one line each.</summary>
    public static string Text(CrossValidationResult result) =>
        Invariant($"{result.Source} {result.Aggregation}: {result.Repeats} × {result.Folds}-fold stratified cross-validation over {result.Samples} problems (seed {result.Seed})\n")
        + Invariant($"  accuracy {result.Accuracy.Format()}, range {result.Accuracy.Min:0.000}-{result.Accuracy.Max:0.000}\n")
        + Invariant($"  macro F1 {result.MacroF1.Format()}, range {result.MacroF1.Min:0.000}-{result.MacroF1.Max:0.000}\n");

    /// <summary>A table: k, accuracy with its Wilson interval, macro F1, the features kept.</summary>
    public static string Text(SparseProbeResult result)
    {
        var text = new StringBuilder(Invariant($"{result.Source} {result.Aggregation}: k-sparse probes, features ranked by {result.Ranking} on the training split (of {result.TotalFeatures})\n\n"));
        text.Append("| k | accuracy | 95% CI | macro F1 | features |\n|---:|---:|---|---:|---|\n");
        foreach (SparseProbeEntry e in result.Entries)
        {
            ClassificationMetrics m = e.Result.Metrics;
            string features = string.Join(", ", e.Features.Take(10)) + (e.Features.Length > 10 ? ", …" : "");
            text.Append(Invariant($"| {e.K} | {m.Accuracy:0.000} | {m.AccuracyCi95.Low:0.000}-{m.AccuracyCi95.High:0.000} | {m.MacroF1:0.000} | {features} |\n"));
        }

        return text.ToString();
    }

    /// <summary>
    /// SAEBench's sparse probing: each task's sizes (positives/negatives, and the classes the negatives came from),
    /// then one row per k with each task's test accuracy and the mean over tasks, each with its Wilson interval.
    /// </summary>
    public static string Text(SaeBenchProbeResult result)
    {
        var text = new StringBuilder(Invariant($"{result.Source} {result.Aggregation}: SAEBench sparse probing, one balanced binary task per class of {result.LabelKey}, features ranked by {result.Ranking} on each task's training part (of {result.TotalFeatures}; negative seed {result.NegativeSeed})\n\n"));
        text.Append("| task | train +/− | test +/− | negatives from (train; test) |\n|---|---:|---:|---|\n");
        foreach (BinaryProbeTask task in result.Tasks.Select(t => t.Task))
        {
            text.Append(Invariant($"| {task.Positive} | {task.TrainPositives}/{task.Train.Length - task.TrainPositives} | {task.TestPositives}/{task.Test.Length - task.TestPositives} | "))
                .Append(Invariant($"{string.Join(", ", task.TrainNegatives.Select(n => $"{n.Key} {n.Value}"))}; {string.Join(", ", task.TestNegatives.Select(n => $"{n.Key} {n.Value}"))} |\n"));
        }

        text.Append("\n| k |").AppendJoin("", result.Tasks.Select(t => $" {t.Task.Positive} | 95% CI |")).Append(" mean | 95% CI |\n|---:|")
            .AppendJoin("", result.Tasks.Select(_ => "---:|---|")).Append("---:|---|\n");
        for (int i = 0; i < result.MeanAccuracy.Count; i++)
        {
            TaskMeanAccuracy mean = result.MeanAccuracy[i];
            text.Append(Invariant($"| {mean.K} |"))
                .AppendJoin("", result.Tasks.Select(t => Accuracy(t.Entries[i].Result.Metrics.Accuracy, t.Entries[i].Result.Metrics.AccuracyCi95)))
                .Append(Accuracy(mean.Accuracy, mean.AccuracyCi95)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The five probes of a hybrid run and the hybrid's paired comparisons with the other four.</summary>
    public static string Text(HybridProbeResult result)
    {
        var text = new StringBuilder(Invariant($"hybrid probe, {result.Aggregation}, k = {result.K} (ranking {result.Ranking} on the training split)\n\n"));
        text.Append("| features | n | accuracy | 95% CI | macro F1 |\n|---|---:|---:|---|---:|\n");
        foreach (ProbeResult r in new[] { result.SaeDirections, result.Pca, result.RawTopDimensions, result.SaeTopCodes, result.RawAll })
        {
            ClassificationMetrics m = r.Metrics;
            text.Append(Invariant($"| {r.Source} | {r.NFeatures} | {m.Accuracy:0.000} | {m.AccuracyCi95.Low:0.000}-{m.AccuracyCi95.High:0.000} | {m.MacroF1:0.000} |\n"));
        }

        text.Append('\n');
        foreach (PairedComparison c in result.Comparisons)
        {
            text.Append(Text(c));
        }

        return text.ToString();
    }

    /// <summary>"A vs B: difference, 95% CI, discordant counts, verdict" on one line.</summary>
    public static string Text(PairedComparison c) =>
        Invariant($"{c.A} vs {c.B}: {c.AccuracyA:0.000} vs {c.AccuracyB:0.000}, difference {c.Difference:+0.000;-0.000;0.000} ")
        + Invariant($"(95% CI {c.DifferenceCi95.Low:+0.000;-0.000;0.000} to {c.DifferenceCi95.High:+0.000;-0.000;0.000}), ")
        + Invariant($"discordant {c.McNemar.OnlyA}/{c.McNemar.OnlyB} of {c.Items}, McNemar {Method(c.McNemar.Method)}: {c.Verdict}\n");

    private static string Accuracy(double accuracy, ConfidenceInterval ci) => Invariant($" {accuracy:0.000} | {ci.Low:0.000}-{ci.High:0.000} |");

    private static string Method(McNemarMethod method) => method == McNemarMethod.Exact ? "exact" : "chi-square";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
