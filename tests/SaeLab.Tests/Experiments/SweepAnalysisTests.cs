using System.Text.Json;
using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Reports;
using SaeLab.Synthetic;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Experiments;

/// <summary>A tiny sweep whose grid points get the feature analysis the <c>saes:</c> entries get: in results, in their folders, in the report and the headline.</summary>
public sealed class SweepAnalysisTests : IClassFixture<SweepAnalysisTests.Run>
{
    private const string Experiment = """
        name: tiny sweep analysis
        data:
          synthetic: {problems: 60, dim: 16, true_features: 32, class_strength: 4, seed: 3}
        sweep:
          name: g
          l1: [1.0e-3, 1.0e-1]
          features: [32]
          epochs: 5
          batch_size: 32
          probe: {aggregate: mean}
        probes: []
        accuracy_grid: false
        """;

    private readonly Run _run;

    public SweepAnalysisTests(Run run) => _run = run;

    [Fact]
    public void EveryPoint_GetsTheFeatureAnalysisOfItsSavedSae()
    {
        ActivationSet data = SyntheticActivationGenerator.Generate(ExperimentFile.Parse(Experiment, "tiny.yaml").Data.Synthetic!).Set;
        IReadOnlyList<SweepPoint> points = _run.Results.Sweep!.Points;
        Assert.Equal(2, points.Count);
        foreach (SweepPoint point in points)
        {
            string folder = Path.Combine(_run.Directory, point.Seeds.Runs[0].Folder);
            FeatureAnalysis oracle = FeatureAnalyzer.Analyze(SaeFolder.Load(folder), data);
            FeatureAnalysisSummary summary = point.Analysis;
            Assert.Equal(oracle.UsedFeatures, summary.UsedFeatures);
            Assert.Equal(oracle.LabelSelectiveFeatures, summary.LabelSelectiveFeatures);
            Assert.Equal((oracle.Options.MinSelectivity, oracle.Options.MinUsage), (summary.MinSelectivity, summary.MinUsage));
            Assert.Equal([MetadataKeys.DefaultLabel, MetadataKeys.Layers, MetadataKeys.Tokens], summary.Dimensions.Select(d => d.Column));
            Assert.Equal(oracle.Dimensions.Select(d => d.SelectivePreferring.ToArray()), summary.Dimensions.Select(d => d.SelectivePreferring.ToArray()));
            Assert.All(summary.Dimensions, d => Assert.Equal(summary.LabelSelectiveFeatures, d.SelectivePreferring.Values.Sum()));
            Assert.Equal(point.Seeds.Runs[0].Metrics.ActiveFeatures, summary.UsedFeatures);

            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ExperimentRunner.AnalysisFileName)));
            Assert.Equal(point.Features, json.RootElement.GetProperty("d_sae").GetInt32());
            Assert.Equal(summary.LabelSelectiveFeatures, json.RootElement.GetProperty("label_selective_features").GetInt32());
        }

        Assert.Contains(points, p => p.Analysis.LabelSelectiveFeatures > 0);
    }

    [Fact]
    public void ResultsJson_HoldsEachPointsSummary()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ResultsFileName)));
        JsonElement analysis = json.RootElement.GetProperty("sweep").GetProperty("points")[0].GetProperty("analysis");

        FeatureAnalysisSummary summary = _run.Results.Sweep!.Points[0].Analysis;
        Assert.Equal(summary.UsedFeatures, analysis.GetProperty("used_features").GetInt32());
        Assert.Equal(3, analysis.GetProperty("dimensions").GetArrayLength());
        Assert.True(analysis.GetProperty("dimensions")[0].TryGetProperty("selective_preferring", out _));
    }

    [Fact]
    public void SweepTableAndHeadline_ShowTheCounts()
    {
        string report = File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ReportFileName));
        string headline = ExperimentHeadline.Render(_run.Results);

        Assert.Contains("| Live features | Label-selective | Selective by operation_types (mixed / pure_addition / pure_multiplication) | Selective by layers (4 / 8 / 14) | Selective by tokens (0 / 1 / 2 / 3 / 4 / 5) |", report);
        Assert.Contains($"full analysis in `{ExperimentRunner.AnalysisFileName}` in each point's folder", report);
        foreach (SweepPoint point in _run.Results.Sweep!.Points)
        {
            FeatureAnalysisSummary summary = point.Analysis;
            string counts = string.Join(" | ", summary.Dimensions.Select(d => string.Join(" / ", d.Values.Select(v => d.SelectivePreferring[v]))));
            Assert.Contains($" | {summary.UsedFeatures} | {summary.LabelSelectiveFeatures} | {counts} |\n", report);

            string line = Assert.Single(headline.Split('\n'), l => l.StartsWith($"sweep {point.Name} ", StringComparison.Ordinal));
            string compact = string.Join(", ", summary.Dimensions.Select(d => $"{d.Column} {string.Join("/", d.Values.Select(v => d.SelectivePreferring[v]))}"));
            Assert.Contains($"live {summary.UsedFeatures,5}  selective {summary.LabelSelectiveFeatures,4} ({compact})", line);
        }
    }

    /// <summary>Runs the experiment once for all the tests of this class.</summary>
    public sealed class Run() : ExperimentRunFixture(Experiment, "saelab-sweep-analysis-");
}
