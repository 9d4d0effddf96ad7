using System.Text.Json;
using SaeLab.Experiments;
using SaeLab.Figures;

namespace SaeLab.Tests.Experiments;

public sealed class ExperimentRunnerTests : IDisposable
{
    private const string TinyExperiment = """
        name: tiny
        data:
          synthetic: {problems: 24, dim: 16, true_features: 32, seed: 1}
        saes:
          - {name: wide, features: 48, l1: 1.0e-3, epochs: 2, batch_size: 64}
          - {name: narrow, expansion: 1, l1: 5.0e-4, epochs: 2, batch_size: 64}
        probes:
          - {name: raw, source: raw, aggregate: layer-mean}
          - {name: wide-mean, source: wide, aggregate: mean}
          - {name: narrow-t1, source: narrow, aggregate: "token:1@layer:8"}
        baseline: raw
        probe_settings: {test_size: 0.25, split_seed: 42}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_WritesReportResultsSaesAndFigures()
    {
        ExperimentConfig config = ExperimentFile.Parse(TinyExperiment, "tiny.yaml");

        ExperimentResults results = ReportedExperiment.Run(config, "tiny.yaml", _dir);

        Assert.Equal(["wide", "narrow"], results.Saes.Select(s => s.Name));
        Assert.Equal(16, results.Saes[1].Features);
        Assert.Equal(3, results.Probes.Count);
        Assert.NotNull(results.Grid);
        Assert.Contains(results.Stages, s => s.Stage == "train wide");
        string report = File.ReadAllText(Path.Combine(_dir, ExperimentRunner.ReportFileName));
        foreach (string heading in new[] { "## Configuration Comparison", "### Reconstruction Quality", "### Sparsity Metrics", "### Classification Performance", "**Per-Class F1 Scores**", "## Time per Stage", "## Which Differences Are Real" })
        {
            Assert.Contains(heading, report);
        }

        Assert.All(results.Figures, figure => Assert.True(File.Exists(Path.Combine(_dir, figure)), figure));
        Assert.True(File.Exists(Path.Combine(_dir, "saes", "wide", "sae_weights.safetensors")));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, ExperimentRunner.ResultsFileName)));
        Assert.Equal(3, json.RootElement.GetProperty("probes").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("saes")[0].GetProperty("metrics").GetProperty("explained_variance").GetDouble() is > -1 and <= 1);
    }

    [Fact]
    public void Run_IsReproducible()
    {
        ExperimentConfig config = ExperimentFile.Parse(TinyExperiment, "tiny.yaml") with { AccuracyGrid = false };

        ExperimentResults first = ReportedExperiment.Run(config, "tiny.yaml", Path.Combine(_dir, "a"));
        ExperimentResults second = ReportedExperiment.Run(config, "tiny.yaml", Path.Combine(_dir, "b"));

        Assert.Equal(first.Saes.Select(s => s.Metrics.Mse), second.Saes.Select(s => s.Metrics.Mse));
        Assert.Equal(first.Probes.Select(p => p.Result.Metrics.Accuracy), second.Probes.Select(p => p.Result.Metrics.Accuracy));
    }

    [Fact]
    public void MissingDataFile_IsAUserErrorNamingIt()
    {
        ExperimentConfig config = ExperimentFile.Parse("data: {path: nowhere.pt}\nprobes: [{name: p}]", Path.Combine(_dir, "x.yaml"));

        var error = Assert.Throws<SaeLabException>(() => ReportedExperiment.Run(config, Path.Combine(_dir, "x.yaml"), _dir));

        Assert.Contains("nowhere.pt", error.Message);
    }
}
