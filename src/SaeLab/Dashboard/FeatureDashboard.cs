using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Sae;

namespace SaeLab.Dashboard;

/// <summary>
/// Builds an SAE's feature dashboard: one <see cref="FeatureAnalyzer"/> pass with the examples the cards need (the
/// computation <c>saelab analyze</c> makes), then <see cref="DashboardSite"/> renders it as a static site.
/// </summary>
public static class FeatureDashboard
{
    /// <summary>Analyses <paramref name="sae"/> on <paramref name="data"/> and writes the dashboard into <paramref name="directory"/>; returns the analysis shown.</summary>
    public static FeatureAnalysis Generate(ISparseAutoencoder sae, ActivationSet data, ProblemTexts? texts, string directory, DashboardOptions options, string title)
    {
        options.Validate();
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(sae, data, options.AnalysisWithExamples);
        DashboardSite.Write(directory, analysis, data, texts, options, title);
        return analysis;
    }
}
