using System.Text.Json;
using SaeLab.Dashboard;
using SaeLab.Experiments;
using SaeLab.Tests.Experiments;

namespace SaeLab.Tests.Dashboard;

/// <summary><c>dashboard: true</c> in an experiment file: each SAE gets its dashboard, and the report links to it.</summary>
public sealed class ExperimentDashboardTests : IClassFixture<ExperimentDashboardTests.Run>
{
    private const string Experiment = """
        name: tiny dashboards
        data:
          synthetic: {problems: 30, dim: 16, true_features: 32, seed: 3}
        saes:
          - {name: small, features: 32, epochs: 3, batch_size: 32}
        accuracy_grid: false
        dashboard: true
        """;

    private readonly Run _run;

    public ExperimentDashboardTests(Run run) => _run = run;

    [Fact]
    public void EachSae_GetsItsDashboardBesideItsAnalysis()
    {
        SaeOutcome sae = Assert.Single(_run.Results.Saes);

        Assert.Equal(Path.Combine(ExperimentRunner.SaesFolder, "small", ExperimentRunner.DashboardFolder, DashboardSite.IndexFileName), sae.Dashboard);
        Assert.True(File.Exists(Path.Combine(_run.Directory, sae.Dashboard!)));
        // The cards' numbers are the SAE's analysis: the dashboard's analysis.json holds the same counts.
        using JsonDocument shown = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Directory, sae.Folder, ExperimentRunner.DashboardFolder, DashboardSite.AnalysisFileName)));
        Assert.Equal(sae.Analysis.UsedFeatures, shown.RootElement.GetProperty("used_features").GetInt32());
        Assert.Equal(sae.Analysis.LabelSelectiveFeatures, shown.RootElement.GetProperty("label_selective_features").GetInt32());
    }

    [Fact]
    public void TheReport_LinksEachDashboard()
    {
        string report = File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ReportFileName));

        Assert.Contains("| Feature dashboard | [small](saes/small/dashboard/index.html) |", report);
    }

    public sealed class Run() : ExperimentRunFixture(Experiment, "saelab-experiment-dashboard-");
}
