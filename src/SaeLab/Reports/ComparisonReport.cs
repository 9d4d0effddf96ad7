using System.Text;
using SaeLab.Evaluation;
using SaeLab.Experiments;
using SaeLab.Probing;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Metrics;
using SaeLab.Statistics;
using SaeLab.Training;
using static SaeLab.Reports.ReportFormat;

namespace SaeLab.Reports;

/// <summary>
/// Writes an experiment's results as a markdown report with the structure of the seed's
/// <c>COMPARISON.md</c>: configurations side by side with their changes, reconstruction, sparsity and
/// classification tables with deltas and markers, per-class F1, verdicts, time per stage — plus the raw
/// token × layer grid, feature-analysis summaries, the uncertainty of each accuracy, and the figures. The seed's
/// next steps add: mean ± std over SAE seeds, layer- and token-specific SAEs, a sweep with its Pareto frontiers,
/// cross-validated, k-sparse and hybrid probes.
/// </summary>
public static class ComparisonReport
{
    public static string Render(ExperimentResults results)
    {
        var report = new StringBuilder();
        Header(report, results);
        if (results.Saes.Count > 0)
        {
            Configuration(report, results);
            report.Append("## Results Summary\n\n");
            Reconstruction(report, results.Saes);
            Sparsity(report, results.Saes);
        }

        if (results.Probes.Count > 0)
        {
            Classification(report, results);
            PerClassF1(report, results.Probes);
        }

        ProbeKindReport.CrossValidated(report, results.Probes);
        ProbeKindReport.Sparse(report, results.SparseProbes);
        ProbeKindReport.SaeBench(report, results.SaeBenchProbes);
        ProbeKindReport.Hybrid(report, results.HybridProbes);
        Grid(report, results.Grid);
        SweepReport.Append(report, results.Sweep);
        FeatureAnalysis(report, results.Saes);
        GroundTruth(report, results.Saes);
        Uncertainty(report, results);
        Verdicts(report, results.Saes);
        Answer(report, results);
        Timing(report, results);
        Figures(report, results.Figures, results.Saes);
        return report.ToString();
    }

    private static void Header(StringBuilder report, ExperimentResults results)
    {
        DataSummary data = results.Data;
        report.Append($"# {results.Name}\n\n");
        report.Append($"**Date**: {results.Date}\n");
        if (results.Objective is not null)
        {
            report.Append($"**Objective**: {results.Objective}\n");
        }

        string labels = string.Join(", ", data.ProblemsPerLabel.Select(pair => $"{pair.Key} {pair.Value}"));
        report.Append($"**Data**: `{data.Source}`: {data.Vectors} vectors × {data.Dim} dims, {data.Problems} problems ({labels})\n");
        report.Append($"**Machine**: {results.Environment.Machine}; {results.Environment.Threads} threads, GEMM backend {results.Environment.GemmBackend}; SaeLab {results.Environment.SaeLab}\n\n---\n\n");
    }

    private static void Configuration(StringBuilder report, ExperimentResults results)
    {
        IReadOnlyList<SaeOutcome> saes = results.Saes;
        MarkdownTable table = NewSaeTable("Parameter", saes);
        int dim = results.Data.Dim;
        AddRow(table, "**Features**", saes, s => $"{s.Features} ({Number((double)s.Features / dim, "0.##")}x expansion)", (a, b) => Ratio(a.Features, b.Features));
        if (saes.Any(s => s.LoadedFrom is not null || s.Architecture != saes[0].Architecture))
        {
            AddRow(table, "**Architecture**", saes, s => s.Architecture, (a, b) => SameOrChanged(a.Architecture, b.Architecture));
        }

        AddRow(table, "**L1 Coefficient**", saes, s => Trained(s, c => Number(c.L1, "G3")), (a, b) => TrainedChange(a, b, (x, y) => Ratio(x.L1, y.L1)));
        if (saes.Any(s => s.Subset is not null || s.Supervised is not null))
        {
            AddRow(table, "**Trained on**", saes, s => VectorsOf(s), (a, b) => VectorsOf(a) == VectorsOf(b) ? "same" : "changed");
        }

        if (saes.Any(s => s.Supervised is not null))
        {
            AddRow(table, "**Supervised head (λ / CE / train acc)**", saes, s => SupervisionOf(s), (a, b) => SupervisionOf(a) == SupervisionOf(b) ? "same" : "changed");
        }

        if (saes.Any(s => s.AcrossSeeds is not null))
        {
            AddRow(table, "**Seeds**", saes, s => SeedsOf(s), (a, b) => SeedsOf(a) == SeedsOf(b) ? "same" : "changed");
        }

        if (saes.Any(s => s.Config is { Methods.AllOff: false }))
        {
            AddRow(table, "**Training methods**", saes, s => Trained(s, c => c.Methods.Describe()), (a, b) => TrainedChange(a, b, (x, y) => SameOrChanged(x.Methods, y.Methods)));
        }

        AddRow(table, "**Epochs / Batch / LR / Seed**", saes, s => Trained(s, c => $"{c.Epochs} / {c.BatchSize} / {Number(c.LearningRate, "G3")} / {c.Seed}"), (a, b) => TrainedChange(a, b, (x, y) => SameOrChanged(x with { Features = null, Expansion = null, L1 = 0 }, y with { Features = null, Expansion = null, L1 = 0 })));
        AddRow(table, "**Aggregation**", saes, s => AggregationOf(s, results.Probes), (a, b) => AggregationOf(a, results.Probes) == AggregationOf(b, results.Probes) ? "same" : "Targeted");
        AddRow(table, "**Training Time**", saes, TrainingTimeOf, (a, b) => a.TrainingSeconds is { } from && b.TrainingSeconds is { } to ? Ratio(from, to) : NotTrained);
        report.Append("## Configuration Comparison\n\n").Append(table).Append("\n---\n\n");
    }

    private static void Reconstruction(StringBuilder report, IReadOnlyList<SaeOutcome> saes)
    {
        MarkdownTable table = NewSaeTable("Metric", saes);
        AddRow(table, "**MSE Loss**", saes, s => Cell(s, m => m.Mse, v => Number(v), sd => Number(sd, "G2")), (a, b) => RelativeChange(Central(a, m => m.Mse), Central(b, m => m.Mse), higherIsBetter: false));
        AddRow(table, "**Explained Variance**", saes, s => PercentCell(s, m => m.ExplainedVariance), (a, b) => PointsChange(Central(a, m => m.ExplainedVariance), Central(b, m => m.ExplainedVariance), higherIsBetter: true));
        AddRow(table, "**Cosine Similarity**", saes, s => PercentCell(s, m => m.CosineSimilarity), (a, b) => PointsChange(Central(a, m => m.CosineSimilarity), Central(b, m => m.CosineSimilarity), higherIsBetter: true));
        AddRow(table, "**Verdict**", saes, s => EvaluationReport.Grade(s.Verdict.Reconstruction), (a, b) => VerdictChange(a.Verdict.Reconstruction, b.Verdict.Reconstruction));
        VerdictThresholds thresholds = saes[0].Verdict.Thresholds;
        report.Append("### Reconstruction Quality\n\n").Append(table)
            .Append($"\nVerdict: GOOD when explained variance > {Percent(thresholds.ExplainedVarianceGood, 0)}, FAIR when > {Percent(thresholds.ExplainedVarianceFair, 0)}, else POOR.{SeedNote(saes)}{SubsetNote(saes)}{CosineNote(saes)}\n\n");
    }

    private static string CosineNote(IReadOnlyList<SaeOutcome> saes) =>
        saes.FirstOrDefault(s => s.Metrics.CosineIsUninformative) is { } sae
            ? $" Cosine similarity says little here: the data's mean vector alone, whatever the input, scores {Percent(sae.Metrics.MeanVectorCosine, 1)} (a large shared mean); judge reconstruction by explained variance."
            : "";

    private static void Sparsity(StringBuilder report, IReadOnlyList<SaeOutcome> saes)
    {
        MarkdownTable table = NewSaeTable("Metric", saes);
        AddRow(table, "**L0 (features/vector)**", saes, s => Cell(s, m => m.L0Mean, v => Number(v, "F2"), sd => Number(sd, "F2")), (a, b) => AbsoluteChange(Central(a, m => m.L0Mean), Central(b, m => m.L0Mean), higherIsBetter: false, same: 0.5));
        AddRow(table, "**L0 Percentage**", saes, s => PercentCell(s, m => m.L0Fraction), (a, b) => $"{Signed((Central(b, m => m.L0Fraction) - Central(a, m => m.L0Fraction)) * 100, "F2")} pts");
        AddRow(table, "**Dead Features**", saes, s => PercentCell(s, m => m.DeadFraction), (a, b) => PointsChange(Central(a, m => m.DeadFraction), Central(b, m => m.DeadFraction), higherIsBetter: false));
        AddRow(table, "**Active Features**", saes, s => $"{Cell(s, m => m.ActiveFeatures, v => Number(v, "0.#"), sd => Number(sd, "F1"))} / {s.Metrics.DSae}", (a, b) => Central(a, m => m.ActiveFeatures) == 0 ? "n/a" : $"{Number(Central(b, m => m.ActiveFeatures) / Central(a, m => m.ActiveFeatures), "0.##")}× as many");
        AddRow(table, "**Verdict**", saes, s => EvaluationReport.Grade(s.Verdict.Sparsity), (a, b) => VerdictChange(a.Verdict.Sparsity, b.Verdict.Sparsity));
        VerdictThresholds thresholds = saes[0].Verdict.Thresholds;
        report.Append("### Sparsity Metrics\n\n").Append(table)
            .Append($"\nActive: |z| > {Number(saes[0].Metrics.ActiveThreshold, "G3")} on at least one vector. Verdict: GOOD when dead < {Percent(thresholds.DeadFractionGood, 0)} and L0 < {Percent(thresholds.L0PerInputGood, 0)} of d_in, FAIR when dead < {Percent(thresholds.DeadFractionFair, 0)} and L0 < {Percent(thresholds.L0PerInputFair, 0)} of d_in, else POOR.{SeedNote(saes)}\n\n");
    }

    private static void Classification(StringBuilder report, ExperimentResults results)
    {
        ProbeOutcome? baseline = BaselineOf(results);
        bool seeded = results.Probes.Any(p => p.AcrossSeeds is not null);
        var table = new MarkdownTable(["Method", "Features", "Accuracy", "95% CI (Wilson)", "Macro F1", "vs Baseline", .. seeded ? ["Across SAE seeds"] : Array.Empty<string>()]);
        foreach (ProbeOutcome probe in OrderedProbes(results))
        {
            ClassificationMetrics metrics = probe.Result.Metrics;
            string versus = baseline is null || probe == baseline ? "-" : VersusBaseline(results, probe, baseline);
            string name = probe == baseline ? $"**Baseline** ({probe.Spec.Name})" : $"**{probe.Spec.Name}**";
            string seeds = probe.AcrossSeeds is { } across ? $"{SweepReport.Spread(across.Accuracy, m => Percent(m, 1), 100)} (n = {across.Accuracy.N})" : "-";
            string accuracy = probe.Result.AtMajorityRate ? $"{Percent(metrics.Accuracy, 1)} (at the majority rate)" : Percent(metrics.Accuracy, 1);
            table.Row([name, $"{probe.Spec.Source}: {probe.Result.Aggregation}", accuracy, $"{Percent(metrics.AccuracyCi95.Low, 1)} – {Percent(metrics.AccuracyCi95.High, 1)}", Number(metrics.MacroF1, "F2"), versus, .. seeded ? [seeds] : Array.Empty<string>()]);
        }

        ProbeResult first = results.Probes[0].Result;
        report.Append("### Classification Performance\n\n").Append(table)
            .Append($"\nLogistic regression (L2, C = 1, L-BFGS) on {first.TrainSize} training problems, scored on {first.TestSize} test problems (stratified split, seed {first.SplitSeed}). ")
            .Append($"Floors to beat: always predicting the training set's most common class ({first.MajorityClass}) scores {Percent(first.MajorityAccuracy, 1)}; chance is {Percent(first.ChanceAccuracy, 1)} (1 / {first.Metrics.Classes.Count} classes).")
            .Append(seeded ? " On an SAE trained with several seeds the probe runs on each seed's codes (last column: mean ± std); the other columns and the paired comparisons use the first seed's SAE." : "")
            .Append("\n\n");
    }

    private static void PerClassF1(StringBuilder report, IReadOnlyList<ProbeOutcome> probes)
    {
        var table = new MarkdownTable(["Class", .. probes.Select(p => p.Spec.Name)]);
        foreach (string label in probes[0].Result.Metrics.Classes)
        {
            table.Row([label, .. probes.Select(p => p.Result.Metrics.PerClass.TryGetValue(label, out var m) ? Number(m.F1, "F2") : "-")]);
        }

        report.Append("**Per-Class F1 Scores**:\n\n").Append(table).Append('\n');
    }

    private static void Grid(StringBuilder report, AccuracyGrid? grid)
    {
        if (grid is null)
        {
            return;
        }

        GridCell best = grid.Best;
        report.Append("### Raw Activations: Accuracy by Token × Layer\n\n").Append(AccuracyGridReport.Markdown(grid))
            .Append($"\nEach cell: accuracy (95% Wilson interval). Most discriminative position: token {best.Token} at layer {best.Layer}, {Percent(best.Accuracy, 1)} ({Percent(best.AccuracyCi95.Low, 1)} – {Percent(best.AccuracyCi95.High, 1)}); ")
            .Append(Rivals(grid, best)).Append("\n\n");
    }

    private static string Rivals(AccuracyGrid grid, GridCell best)
    {
        int rivals = grid.Cells.Count(c => c != best && c.AccuracyCi95.High >= best.Accuracy);
        return rivals == 0
            ? "no other position's interval reaches its accuracy."
            : $"{rivals} of the other {grid.Cells.Length - 1} positions have intervals reaching its accuracy: the test set cannot single it out.";
    }

    private static void FeatureAnalysis(StringBuilder report, IReadOnlyList<SaeOutcome> saes)
    {
        if (saes.Count == 0)
        {
            return;
        }

        MarkdownTable table = NewSaeTable("Feature analysis", saes, withChange: false);
        table.Row(["Used features", .. saes.Select(s => $"{s.Analysis.UsedFeatures}")]);
        table.Row([$"Label-selective (selectivity ≥ {Number(saes[0].Analysis.Options.MinSelectivity)}, used by ≥ {saes[0].Analysis.Options.MinUsage})", .. saes.Select(s => $"{s.Analysis.LabelSelectiveFeatures}")]);
        table.Row(["… with shuffled labels (mean, 95th percentile; permutation p)", .. saes.Select(s => s.Analysis.LabelSelectiveNull is { } chance
            ? $"{Number(chance.MeanCount, "F1")}, {chance.Percentile95}; {PairedComparison.FormatPValue(chance.PValue)}"
            : "n/a")]);
        table.Row(["Where selective features prefer to sit", .. saes.Select(s => s.Analysis.Position is { TopCount: > 0 } p ? $"token {p.TopToken} @ layer {p.TopLayer}: {p.TopCount} ({Number(p.TopEnrichment, "F1")}× uniform)" : "n/a")]);
        if (saes.Any(s => s.Dashboard is not null))
        {
            table.Row(["Feature dashboard", .. saes.Select(s => s.Dashboard is { } page ? $"[{s.Name}]({page.Replace('\\', '/')})" : "-")]);
        }
        report.Append("### Feature Analysis\n\n").Append(table).Append('\n');
    }

    private static void Uncertainty(StringBuilder report, ExperimentResults results)
    {
        if (results.Probes.Count == 0)
        {
            return;
        }

        int n = results.Probes[0].Result.TestSize;
        ConfidenceInterval typical = ConfidenceInterval.Wilson((int)Math.Round(0.75 * n), n);
        report.Append("## Which Differences Are Real\n\n")
            .Append($"Each accuracy is measured on {n} test problems: near 75% its 95% interval spans {Percent(typical.Low, 1)} – {Percent(typical.High, 1)} ")
            .Append($"(±{Number((typical.High - typical.Low) * 50, "F1")} points). Two probes scored on the same problems are compared pairwise: ")
            .Append("McNemar's test on the problems exactly one of them gets right, and a paired bootstrap interval of the accuracy difference.\n\n");
        if (results.Comparisons.Count == 0)
        {
            return;
        }

        int tests = results.Comparisons.Count;
        if (tests > 1)
        {
            report.Append($"The table runs {tests} tests, so a difference is called significant only when its p-value survives Holm's correction ")
                .Append($"for all {tests} (the adjusted p-value below 5%): at 5% each, about one in twenty chance differences would be called real.\n\n");
        }

        var table = new MarkdownTable("Probe", "vs", "Δ accuracy", "95% CI (paired bootstrap)", "McNemar", "Holm-adjusted", "Verdict");
        foreach (PairedComparison comparison in results.Comparisons)
        {
            table.Row(
                comparison.A,
                comparison.B,
                $"{Signed(comparison.Difference * 100, "F1")} pts",
                $"{Signed(comparison.DifferenceCi95.Low * 100, "F1")} to {Signed(comparison.DifferenceCi95.High * 100, "F1")} pts",
                PairedComparison.FormatPValue(comparison.McNemar.PValue),
                PairedComparison.FormatPValue(comparison.AdjustedPValue ?? comparison.McNemar.PValue),
                comparison.Verdict);
        }

        report.Append(table).Append('\n');
    }

    private static void GroundTruth(StringBuilder report, IReadOnlyList<SaeOutcome> saes)
    {
        if (saes.Count == 0 || saes.Any(s => s.Recovery is null))
        {
            return;
        }

        MarkdownTable table = NewSaeTable("Ground truth", saes, withChange: false);
        table.Row(["True features", .. saes.Select(s => $"{s.Recovery!.TrueFeatures}")]);
        table.Row(["Mean max cosine (each true feature's best SAE feature)", .. saes.Select(s => Number(s.Recovery!.MeanMaxCosineTrue, "F3"))]);
        table.Row(["… for a random dictionary of the same shape", .. saes.Select(s => Number(s.Recovery!.RandomDictionary.MeanMaxCosineTrue, "F3"))]);
        table.Row(["Mean max cosine (each SAE feature's best true feature)", .. saes.Select(s => Number(s.Recovery!.MeanMaxCosineLearned, "F3"))]);
        table.Row([$"True features recovered (cosine > {Number(saes[0].Recovery!.Threshold)})", .. saes.Select(s => Percent(s.Recovery!.FractionRecovered, 1))]);
        report.Append("### Ground-Truth Recovery (synthetic data)\n\n").Append(table)
            .Append("\nThe data were generated from known feature directions; this is how many of them the SAE's decoder rows found. ")
            .Append("A random unit dictionary with as many rows scores the chance level: only the margin above it is learned.\n\n");
    }

    private static void Verdicts(StringBuilder report, IReadOnlyList<SaeOutcome> saes)
    {
        if (saes.Count == 0)
        {
            return;
        }

        report.Append("## Verdicts\n\n");
        foreach (SaeOutcome sae in saes)
        {
            string seeds = sae.AcrossSeeds is { } across ? $" (seed {across.Runs[0].Seed}, the first of {across.Runs.Count})" : "";
            report.Append($"- **{sae.Name}**{seeds}: reconstruction {EvaluationReport.Grade(sae.Verdict.Reconstruction)} (explained variance {Percent(sae.Metrics.ExplainedVariance)}), ")
                .Append($"sparsity {EvaluationReport.Grade(sae.Verdict.Sparsity)} ({Percent(sae.Metrics.DeadFraction)} dead, L0 {Number(sae.Metrics.L0Mean, "F1")}).\n");
        }

        report.Append('\n');
    }

    /// <summary>
    /// The objective's question as the probes answer it: which probe classifies best, and which of the others the test set
    /// cannot tell from it (the pairwise verdicts, corrected for the family), so the headline is never a single number.
    /// </summary>
    private static void Answer(StringBuilder report, ExperimentResults results)
    {
        if (results.Objective is null || results.Probes.Count < 2)
        {
            return;
        }

        ProbeOutcome best = results.Probes.MaxBy(p => p.Result.Metrics.Accuracy)!;
        report.Append($"**Against the objective** ({results.Objective}): the best probe is {Standing(best, results.Comparisons)}");
        if (best.Spec.Name == results.Baseline)
        {
            ProbeOutcome challenger = results.Probes.Where(p => p != best).MaxBy(p => p.Result.Metrics.Accuracy)!;
            report.Append($"; of the others, the best is {Standing(challenger, results.Comparisons)}");
        }

        report.Append(results.Comparisons.Count > 0 ? $" (McNemar, Holm-corrected over {results.Comparisons[0].FamilySize} comparisons).\n\n" : ".\n\n");
    }

    /// <summary>"**name** at 81.7% (73.8% – 87.6%), which the test set cannot tell from **pilot**".</summary>
    private static string Standing(ProbeOutcome probe, IReadOnlyList<PairedComparison> comparisons)
    {
        string name = probe.Spec.Name;
        string[] tied = comparisons
            .Where(c => !c.Significant && (c.A == name || c.B == name))
            .Select(c => c.A == name ? c.B : c.A)
            .ToArray();
        string rivals = tied.Length == 0
            ? "which the test set separates from every other probe"
            : $"which the test set cannot tell from {string.Join(", ", tied.Select(t => $"**{t}**"))}";
        var metrics = probe.Result.Metrics;
        return $"**{name}** at {Percent(metrics.Accuracy, 1)} ({Percent(metrics.AccuracyCi95.Low, 1)} – {Percent(metrics.AccuracyCi95.High, 1)}), {rivals}";
    }

    private static void Timing(StringBuilder report, ExperimentResults results)
    {
        var table = new MarkdownTable("Stage", "Time");
        foreach (StageTiming stage in results.Stages)
        {
            table.Row(stage.Stage, Seconds(stage.Seconds));
        }

        table.Row("**Total**", $"**{Seconds(results.Stages.Sum(s => s.Seconds))}**");
        report.Append("## Time per Stage\n\n").Append(table).Append('\n');
    }

    private static void Figures(StringBuilder report, IReadOnlyList<string> figures, IReadOnlyList<SaeOutcome> saes)
    {
        if (figures.Count == 0)
        {
            return;
        }

        report.Append("## Figures\n\n");
        foreach (string figure in figures)
        {
            string path = figure.Replace('\\', '/');
            report.Append($"![{Path.GetFileNameWithoutExtension(path)}]({path})\n");
        }

        foreach (SaeOutcome sae in saes.Where(HasEmptyPositionHeatmap))
        {
            report.Append($"\n*{sae.Name}: no label-selective feature has a preferred position, so there is no position heatmap.*\n");
        }
    }

    /// <summary>Whether <paramref name="sae"/>'s position heatmap would be all zeros (its largest cell count is 0), so the figures leave it out.</summary>
    private static bool HasEmptyPositionHeatmap(SaeOutcome sae) => sae.Analysis.Position is { TopCount: 0 };

    private static MarkdownTable NewSaeTable(string first, IReadOnlyList<SaeOutcome> saes, bool withChange = true)
    {
        IEnumerable<string> changes = !ChangeColumns(saes, withChange) ? [] : saes.Count == 2 ? ["Change"] : saes.Skip(1).Select(s => $"Δ {s.Name} vs {saes[0].Name}");
        return new MarkdownTable([first, .. saes.Select(s => s.Name), .. changes]);
    }

    /// <summary>
    /// Whether a table of <paramref name="saes"/> gets a change column per later SAE: only up to <see cref="MaxSaesWithChanges"/>
    /// SAEs, since beyond that (a split entry's one SAE per token, say) the table would be too wide to read.
    /// </summary>
    private static bool ChangeColumns(IReadOnlyList<SaeOutcome> saes, bool withChange = true) => withChange && saes.Count <= MaxSaesWithChanges;

    private const int MaxSaesWithChanges = 3;

    /// <summary>One row: each SAE's value, then (for a few SAEs) each later SAE's change from the first.</summary>
    private static void AddRow(MarkdownTable table, string label, IReadOnlyList<SaeOutcome> saes, Func<SaeOutcome, string> value, Func<SaeOutcome, SaeOutcome, string> change) =>
        table.Row([label, .. saes.Select(value), .. ChangeColumns(saes) ? saes.Skip(1).Select(s => change(saes[0], s)) : []]);

    /// <summary>The metric's value, or its mean ± std over seeds ("69.90% ± 1.2").</summary>
    private static string Cell(SaeOutcome sae, Func<EvaluationMetrics, double> metric, Func<double, string> format, Func<double, string> spread) =>
        sae.AcrossSeeds is { } seeds && SeedSummary.Over(seeds.Runs, metric) is var summary
            ? $"{format(summary.Mean)} ± {spread(summary.Std)}"
            : format(metric(sae.Metrics));

    private static string PercentCell(SaeOutcome sae, Func<EvaluationMetrics, double> metric) =>
        Cell(sae, metric, v => Percent(v), sd => Number(sd * 100, "F2"));

    /// <summary>The metric, or its mean over seeds: what the change columns compare.</summary>
    private static double Central(SaeOutcome sae, Func<EvaluationMetrics, double> metric) =>
        sae.AcrossSeeds is { } seeds ? SeedSummary.Over(seeds.Runs, metric).Mean : metric(sae.Metrics);

    private static string SeedNote(IReadOnlyList<SaeOutcome> saes) =>
        saes.Any(s => s.AcrossSeeds is not null) ? " With several seeds: mean ± sample std over the seeds (changes compare means); the verdict is the first seed's." : "";

    private static string SubsetNote(IReadOnlyList<SaeOutcome> saes) =>
        saes.Any(s => s.Subset is not null) ? " A layer- or token-specific SAE is evaluated on its own vectors, whose variance differs from all vectors': compare its explained variance with that in mind." : "";

    private static string VectorsOf(SaeOutcome sae) =>
        (sae.Subset?.ToString() ?? "all vectors") + (sae.Supervised is { } supervised
            ? $", probe-train problems only ({supervised.TrainProblems} of {supervised.TrainProblems + supervised.TestProblems} problems)"
            : "") + (sae.LoadedFrom is null ? "" : " (loaded: evaluated and probed on these)");

    /// <summary>What a change column says of a training setting when either SAE was loaded rather than trained.</summary>
    private const string NotTrained = "n/a";

    /// <summary>
    /// A training setting of <paramref name="sae"/>; for a loaded SAE, where it came from instead, since it has no
    /// training settings and a default shown in their place would read as a real one.
    /// </summary>
    private static string Trained(SaeOutcome sae, Func<SaeTrainingConfig, string> setting) =>
        sae.Config is { } config ? setting(config) : LoadedFrom(sae);

    /// <summary>The change of a training setting between two trained SAEs; <see cref="NotTrained"/> when either was loaded.</summary>
    private static string TrainedChange(SaeOutcome a, SaeOutcome b, Func<SaeTrainingConfig, SaeTrainingConfig, string> change) =>
        a.Config is { } from && b.Config is { } to ? change(from, to) : NotTrained;

    private static string LoadedFrom(SaeOutcome sae) => $"loaded from `{sae.LoadedFrom}`";

    private static string TrainingTimeOf(SaeOutcome sae) =>
        sae.TrainingSeconds is { } seconds
            ? Seconds(seconds) + (sae.AcrossSeeds is { } seeds ? $" (per seed; {seeds.Runs.Count} seeds)" : "")
            : LoadedFrom(sae);

    private static string SupervisionOf(SaeOutcome sae) =>
        sae.Supervised is { } s ? $"{Number(s.Weight, "G3")} / {Number(s.CrossEntropy, "F3")} / {Number(s.HeadTrainAccuracy, "P1")}" : "none";

    private static string SeedsOf(SaeOutcome sae) =>
        sae.AcrossSeeds is { } seeds ? string.Join(", ", seeds.Runs.Select(r => r.Seed)) : Trained(sae, c => $"{c.Seed}");

    private static string AggregationOf(SaeOutcome sae, IReadOnlyList<ProbeOutcome> probes) =>
        probes.FirstOrDefault(p => p.Spec.Source == sae.Name)?.Result.Aggregation ?? "-";

    private static string SameOrChanged<T>(T a, T b) => Equals(a, b) ? "same" : "changed";

    private static string VerdictChange(Verdict from, Verdict to) =>
        from == to ? "same" : to < from ? $"{Better} Improved" : $"{Worse} Worse";

    private static ProbeOutcome? BaselineOf(ExperimentResults results) =>
        results.Probes.FirstOrDefault(p => p.Spec.Name == results.Baseline);

    private static IEnumerable<ProbeOutcome> OrderedProbes(ExperimentResults results)
    {
        ProbeOutcome? baseline = BaselineOf(results);
        return baseline is null ? results.Probes : results.Probes.Where(p => p != baseline).Prepend(baseline);
    }

    /// <summary>"-7.5 pts (p = 0.031, Holm-adjusted p = 0.093, not significant)" from the paired comparison with the baseline.</summary>
    private static string VersusBaseline(ExperimentResults results, ProbeOutcome probe, ProbeOutcome baseline)
    {
        string delta = $"{Signed((probe.Result.Metrics.Accuracy - baseline.Result.Metrics.Accuracy) * 100, "F1")} pts";
        PairedComparison? comparison = results.Comparisons.FirstOrDefault(c => c.A == probe.Spec.Name && c.B == baseline.Spec.Name);
        return comparison is null
            ? delta
            : $"{delta} ({PairedComparison.FormatPValue(comparison.McNemar.PValue)}{(comparison.FamilySize > 1 ? $", Holm-adjusted {PairedComparison.FormatPValue(comparison.AdjustedPValue!.Value)}" : "")}, {(comparison.Significant ? "significant" : "not significant")})";
    }
}
