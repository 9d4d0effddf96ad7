using System.Globalization;
using System.Text;
using SaeLab.Analysis;

namespace SaeLab.Reports;

/// <summary>A feature analysis as markdown, as <c>saelab analyze</c> prints it: a summary, the position enrichment and the top-features table.</summary>
public static class AnalysisReport
{
    public static string Markdown(FeatureAnalysis analysis)
    {
        var text = new StringBuilder();
        AnalysisOptions options = analysis.Options;
        text.AppendLine(Invariant($"## Feature analysis: {analysis.DSae} features on {analysis.Vectors} vectors ({analysis.Data})"));
        text.AppendLine();
        text.AppendLine(Invariant($"- used features (|z| > {options.ActiveThreshold:G3} on ≥ 1 vector): {analysis.UsedFeatures}"));
        text.AppendLine(Invariant($"- label-selective features ('{options.LabelKey}' selectivity ≥ {options.MinSelectivity:G3}, used by ≥ {options.MinUsage} vectors): {analysis.LabelSelectiveFeatures}"));
        if (analysis.LabelSelectiveNull is { } chance)
        {
            text.AppendLine(Invariant($"  - by chance ({chance.Permutations} shuffles of '{options.LabelKey}' across {chance.Unit}): {chance.MeanCount:0.0} on average, 95th percentile {chance.Percentile95}; permutation p = {chance.PValue:0.###}"));
        }

        foreach (DimensionSummary dimension in analysis.Dimensions)
        {
            string counts = string.Join(", ", dimension.SelectivePreferring.Select(pair => $"{pair.Key}: {pair.Value}"));
            text.AppendLine($"- selective features by preferred {dimension.Column}: {counts}");
        }

        if (analysis.Position is { } position)
        {
            text.AppendLine(Invariant($"- most preferred position: layer {position.TopLayer}, token {position.TopToken} with {position.TopCount} features ({position.TopEnrichment:0.00}× the uniform {position.ExpectedPerCell:0.00})"));
        }

        foreach (string note in analysis.Notes)
        {
            text.AppendLine($"- note: {note}");
        }

        text.AppendLine();
        if (analysis.UsedFeatures == 0)
        {
            text.AppendLine("No feature is used: there is no top-features table.");
        }
        else if (analysis.TopFeatures.Count > 0)
        {
            AppendTopFeatures(text, analysis.TopFeatures);
        }

        return text.ToString();
    }

    private static void AppendTopFeatures(StringBuilder text, IReadOnlyList<FeatureProfile> features)
    {
        string[] labels = features[0].Label.Means.Keys.ToArray();
        text.AppendLine($"| feature | usage | max | label | selectivity | layer | token | {string.Join(" | ", labels.Select(l => $"mean {l}"))} |");
        text.AppendLine($"|---:|---:|---:|---|---:|---|---|{string.Concat(labels.Select(_ => "---:|"))}");
        foreach (FeatureProfile feature in features)
        {
            string means = string.Join(" | ", labels.Select(l => Invariant($"{feature.Label.Means[l]:0.0000}")));
            text.AppendLine(Invariant($"| {feature.Id} | {feature.Usage} | {feature.MaxActivation:0.000} | {feature.Label.Preferred ?? "-"} | {feature.Label.Selectivity:0.00} | {feature.Layer?.Preferred ?? "-"} | {feature.Token?.Preferred ?? "-"} | {means} |"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
