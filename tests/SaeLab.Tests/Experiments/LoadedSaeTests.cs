using System.Text.Json;
using SaeLab.Evaluation;
using SaeLab.Experiments;
using SaeLab.Figures;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Reports;
using SaeLab.Sae;
using SaeLab.Synthetic;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Experiments;

/// <summary><c>saes: - {load: …}</c>: existing SAEs evaluated, analysed, measured and probed beside a trained one.</summary>
public sealed class LoadedSaeTests : IClassFixture<LoadedSaeTests.Run>
{
    /// <summary>An experiment file beside the checkpoint fixtures (d_in 6), so <c>load</c> resolves relative to it.</summary>
    private static readonly string ExperimentPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "loaded.yaml");

    private static readonly string SeedCheckpointPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "checkpoints", "seed", "sae_weights.pt");

    private static readonly SyntheticConfig Data = new() { Problems = 24, Dim = 6, TrueFeatures = 32, Seed = 1 };

    private const string Experiment = """
        name: loaded
        data:
          synthetic: {problems: 24, dim: 6, true_features: 32, seed: 1}
        saes:
          - {name: seed-pilot, load: checkpoints/seed/sae_weights.pt}
          - {name: dl-topk, load: checkpoints/dictionary_learning/topk, layer: 8}
          - {name: mine, features: 12, l1: 1.0e-3, epochs: 1, batch_size: 64}
        probes:
          - {name: raw, source: raw, aggregate: layer-mean}
          - {name: seed-mean, source: seed-pilot, aggregate: mean}
          - {name: topk-mean, source: dl-topk, aggregate: mean}
          - {name: seed-sparse, source: seed-pilot, aggregate: mean, kind: k-sparse, ks: [1, 2]}
        baseline: raw
        probe_settings: {test_size: 0.25, split_seed: 42}
        accuracy_grid: false
        """;

    private readonly Run _run;

    public LoadedSaeTests(Run run) => _run = run;

    [Fact]
    public void LoadedSae_IsEvaluatedAsItself_AndRecordsWhereItCameFrom()
    {
        SaeOutcome seed = _run.Results.Saes[0];
        ISparseAutoencoder sae = SaeFolder.Load(SeedCheckpointPath);
        EvaluationResult direct = ReconstructionEvaluator.Evaluate(sae, SyntheticActivationGenerator.Generate(Data).Set);

        Assert.Equal(["seed-pilot", "dl-topk", "mine"], _run.Results.Saes.Select(s => s.Name));
        Assert.Equal(Path.GetFullPath(SeedCheckpointPath), seed.LoadedFrom);
        Assert.Null(seed.Config);
        Assert.Null(seed.TrainingSeconds);
        Assert.Empty(seed.Epochs);
        Assert.Equal("standard", seed.Architecture);
        Assert.Equal(10, seed.Features);
        Assert.Equal(direct.Metrics.Mse, seed.Metrics.Mse);
        Assert.NotNull(seed.Recovery);
        Assert.Null(_run.Results.Saes[2].LoadedFrom);
    }

    [Fact]
    public void LoadedSae_OnALayer_IsEvaluatedOnThatLayersVectorsWithItsOwnArchitecture()
    {
        SaeOutcome topk = _run.Results.Saes[1];

        Assert.Equal("topk", topk.Architecture);
        Assert.Equal(new VectorSubset(8, null), topk.Subset);
        Assert.Equal(24 * 6, topk.Metrics.Vectors);
    }

    [Fact]
    public void LoadedSaeFolder_HoldsItsEvaluationAndAnalysisButNoCopy()
    {
        string folder = Path.Combine(_run.Directory, ExperimentRunner.SaesFolder, "seed-pilot");

        Assert.True(File.Exists(Path.Combine(folder, ExperimentRunner.EvaluationFileName)));
        Assert.True(File.Exists(Path.Combine(folder, ExperimentRunner.AnalysisFileName)));
        Assert.False(File.Exists(Path.Combine(folder, SaeCheckpoint.WeightsFileName)));
        using JsonDocument loaded = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ExperimentRunner.LoadedFromFileName)));
        Assert.Equal(Path.GetFullPath(SeedCheckpointPath), loaded.RootElement.GetProperty("loaded_from").GetString());
        Assert.Equal(6, loaded.RootElement.GetProperty("d_in").GetInt32());
    }

    [Fact]
    public void Probes_UseALoadedSaeAsASource()
    {
        ProbeOutcome probe = _run.Results.Probes.Single(p => p.Spec.Name == "seed-mean");
        var config = new ProbeConfig { TestSize = 0.25, SplitSeed = 42, Aggregation = AggregationSpec.Parse("mean") };
        ProbeResult direct = Prober.Run(SyntheticActivationGenerator.Generate(Data).Set, config, SaeFolder.Load(SeedCheckpointPath));

        Assert.Equal(10, probe.Result.NFeatures);
        Assert.Equal(direct.TestPredictions, probe.Result.TestPredictions);
        Assert.Null(probe.AcrossSeeds);
        Assert.Equal(10, _run.Results.SparseProbes.Single().Result.TotalFeatures);
        Assert.Equal(10, _run.Results.Probes.Single(p => p.Spec.Name == "topk-mean").Result.NFeatures);
    }

    [Fact]
    public void Report_ShowsWhereALoadedSaeCameFrom_InPlaceOfTrainingSettings()
    {
        string report = File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ReportFileName));
        string seed = $"loaded from `{Path.GetFullPath(SeedCheckpointPath)}`";
        string topk = $"loaded from `{Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "Fixtures", "checkpoints", "dictionary_learning", "topk"))}`";

        Assert.Contains("| **Architecture** | standard | topk | relu | changed | changed |", report, StringComparison.Ordinal);
        Assert.Contains($"| **L1 Coefficient** | {seed} | {topk} | 0.001 | n/a | n/a |", report, StringComparison.Ordinal);
        Assert.Contains($"| **Epochs / Batch / LR / Seed** | {seed} | {topk} | 1 / 64 / 0.001 / 0 | n/a | n/a |", report, StringComparison.Ordinal);
        Assert.Matches($@"\| \*\*Training Time\*\* \| {System.Text.RegularExpressions.Regex.Escape(seed)} \| .* \| [0-9.]+ (ms|s) \| n/a \| n/a \|", report);
        Assert.Contains("| **Trained on** | all vectors (loaded: evaluated and probed on these) | layer=8 (loaded: evaluated and probed on these) | all vectors |", report, StringComparison.Ordinal);
        Assert.Contains($"loaded from {Path.GetFullPath(SeedCheckpointPath)}", ExperimentHeadline.Render(_run.Results), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsJson_RecordsTheSourceAndNoTrainingConfig()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ResultsFileName)));
        JsonElement seed = json.RootElement.GetProperty("saes")[0];

        Assert.Equal(Path.GetFullPath(SeedCheckpointPath), seed.GetProperty("loaded_from").GetString());
        Assert.False(seed.TryGetProperty("config", out _));
        Assert.True(json.RootElement.GetProperty("saes")[2].TryGetProperty("config", out _));
    }

    [Theory]
    [InlineData("l1: 1.0e-3", "'l1'")]
    [InlineData("expansion: 4", "'expansion'")]
    [InlineData("architecture: topk", "'architecture'")]
    [InlineData("batch_size: 8", "'batch_size'")]
    [InlineData("seeds: [0, 1]", "'seeds'")]
    [InlineData("split_by: layer", "'split_by'")]
    [InlineData("apply_b_dec_to_input: false", "'apply_b_dec_to_input'")]
    [InlineData("matryoshka_widths: [2, 4]", "'matryoshka_widths'")]
    public void TrainingKeyBesideLoad_IsRefusedNamingIt(string key, string expected)
    {
        string yaml = $"data: {{path: a.pt}}\nsaes: [{{name: s, load: checkpoints/seed/sae_weights.pt, {key}}}]";

        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(yaml, ExperimentPath).Validate(ExperimentPath));

        Assert.Contains(expected, error.Message);
        Assert.Contains("sae 's'", error.Message);
        Assert.Contains("loaded.yaml", error.Message);
    }

    [Fact]
    public void LayerAndTokenBesideLoad_AreAllowed()
    {
        ExperimentConfig config = ExperimentFile.Parse("data: {path: a.pt}\nsaes: [{name: s, load: checkpoints/seed, layer: 8, token: 1}]", ExperimentPath);

        config.Validate(ExperimentPath);

        Assert.Equal(new VectorSubset(8, 1), config.Saes[0].Subset);
    }

    [Fact]
    public void MissingLoadPath_IsAUserErrorNamingIt()
    {
        ExperimentConfig config = ExperimentFile.Parse("data: {path: a.pt}\nsaes: [{name: s, load: nowhere/sae_weights.pt}]", ExperimentPath);

        var error = Assert.Throws<SaeLabException>(() => config.Validate(ExperimentPath));

        Assert.Contains("nowhere/sae_weights.pt", error.Message);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nowhere"), error.Message);
        Assert.Contains("loaded.yaml", error.Message);
    }

    [Fact]
    public void LoadedSaeOfAnotherDimension_FailsBeforeAnythingTrains_NamingTheFile()
    {
        string output = Directory.CreateTempSubdirectory("saelab-loaded-dim-").FullName;
        try
        {
            const string Yaml = "data: {synthetic: {problems: 6, dim: 16, true_features: 32}}\nsaes:\n  - {name: first, features: 8, epochs: 1}\n  - {name: s, load: checkpoints/seed}";

            var error = Assert.Throws<SaeLabException>(() => ReportedExperiment.Run(ExperimentFile.Parse(Yaml, ExperimentPath), ExperimentPath, output));

            Assert.Contains("sae 's'", error.Message);
            Assert.Contains("d_in 6", error.Message);
            Assert.Contains("16 dimensions", error.Message);
            Assert.Contains(Path.Combine("checkpoints", "seed"), error.Message);
            Assert.False(Directory.Exists(Path.Combine(output, ExperimentRunner.SaesFolder, "first")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    public sealed class Run() : ExperimentRunFixture(Experiment, "saelab-loaded-", ExperimentPath);
}
