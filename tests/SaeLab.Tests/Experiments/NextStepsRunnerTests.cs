using System.Text.Json;
using SaeLab.Experiments;

namespace SaeLab.Tests.Experiments;

/// <summary>One tiny run exercising every next-step option, checked in results, results.json and the report.</summary>
public sealed class NextStepsRunnerTests : IClassFixture<NextStepsRunnerTests.Run>
{
    private const string Experiment = """
        name: tiny next steps
        data:
          synthetic: {problems: 24, dim: 16, true_features: 32, seed: 1}
        sweep:
          name: g
          l1: [1.0e-4, 1.0e-2]
          features: [8, 32]
          epochs: 1
          batch_size: 64
          seeds: [0, 1]
          probe: {aggregate: layer-mean}
        saes:
          - {name: multi, features: 16, epochs: 1, batch_size: 64, seeds: [0, 1, 2]}
          - {name: l8, features: 16, epochs: 1, batch_size: 64, layer: 8}
          - {name: tok, features: 16, epochs: 1, batch_size: 64, split_by: token, layer: 8}
        probes:
          - {name: raw, source: raw, aggregate: layer-mean, cross_validation: {folds: 2, repeats: 2}}
          - {name: multi-mean, source: multi, aggregate: mean}
          - {name: tok1, source: "tok@token=1", aggregate: mean}
          - {name: sweep-point, source: "g@l1=0.0001,features=32", aggregate: mean}
          - {name: multi-sparse, source: multi, aggregate: mean, kind: k-sparse, ks: [1, 2, 4]}
          - {name: multi-saebench, source: multi, aggregate: mean, kind: k-sparse, protocol: saebench, ks: [1, 3], negative_seed: 5}
          - {name: multi-hybrid, source: multi, aggregate: mean, kind: hybrid, k: 3}
        baseline: raw
        probe_settings: {test_size: 0.25, split_seed: 42}
        accuracy_grid: false
        """;

    private readonly Run _run;

    public NextStepsRunnerTests(Run run) => _run = run;

    [Fact]
    public void SplitAndSubsetSaes_TrainOnTheirVectorsOnly()
    {
        Assert.Equal(["multi", "l8", "tok@token=0", "tok@token=1", "tok@token=2", "tok@token=3", "tok@token=4", "tok@token=5"], _run.Results.Saes.Select(s => s.Name));
        SaeOutcome l8 = _run.Results.Saes.Single(s => s.Name == "l8");
        Assert.Equal(new VectorSubset(8, null), l8.Subset);
        Assert.Equal(24 * 6, l8.Metrics.Vectors);
        Assert.Equal(24, _run.Results.Saes.Single(s => s.Name == "tok@token=1").Metrics.Vectors);
        Assert.Null(_run.Results.Saes[0].Subset);
    }

    [Fact]
    public void MultiSeedSae_SummarisesEverySeed()
    {
        SaeOutcome multi = _run.Results.Saes[0];
        SeedSummary seeds = Assert.IsType<SeedSummary>(multi.AcrossSeeds);
        Assert.Equal([0, 1, 2], seeds.Runs.Select(r => r.Seed));
        Assert.Equal(3, seeds.ExplainedVariance.N);
        Assert.Equal(seeds.Runs.Average(r => r.Metrics.ExplainedVariance), seeds.ExplainedVariance.Mean, 12);
        Assert.Equal(seeds.Runs[0].Metrics, multi.Metrics);
        Assert.NotEqual(seeds.Runs[0].Metrics.Mse, seeds.Runs[1].Metrics.Mse);
        Assert.All(seeds.Runs, r => Assert.True(File.Exists(Path.Combine(_run.Directory, r.Folder, "sae_weights.safetensors")), r.Folder));
        Assert.Null(_run.Results.Saes[1].AcrossSeeds);

        ProbeOutcome probe = _run.Results.Probes.Single(p => p.Spec.Name == "multi-mean");
        SeedAccuracies accuracies = Assert.IsType<SeedAccuracies>(probe.AcrossSeeds);
        Assert.Equal(3, accuracies.Accuracies.Count);
        Assert.Equal(probe.Result.Metrics.Accuracy, accuracies.Accuracies[0]);
    }

    [Fact]
    public void Sweep_TrainsProbesAndMarksFrontiers()
    {
        SweepOutcome sweep = Assert.IsType<SweepOutcome>(_run.Results.Sweep);
        Assert.Equal(4, sweep.Points.Count);
        Assert.Equal("layer-mean", sweep.Aggregation);
        Assert.All(sweep.Points, p => Assert.Equal(2, p.Seeds.Runs.Count));
        Assert.All(sweep.Points, p => Assert.Equal(2, p.ProbeAccuracy.N));
        Assert.Equal(ParetoFrontier.Mark([.. sweep.Points.Select(p => p.Seeds.L0Mean.Mean)], [.. sweep.Points.Select(p => p.Seeds.ExplainedVariance.Mean)]), sweep.Points.Select(p => p.ReconstructionFrontier));
        Assert.Contains(sweep.Points, p => p.ReconstructionFrontier);
        Assert.Contains(sweep.Points, p => p.AccuracyFrontier);
        Assert.Contains(Path.Combine(ExperimentRunner.FiguresFolder, ExperimentRunner.ParetoReconstructionFigure), _run.Results.Figures);
        Assert.Contains(Path.Combine(ExperimentRunner.FiguresFolder, ExperimentRunner.ParetoAccuracyFigure), _run.Results.Figures);
        Assert.All(_run.Results.Figures, f => Assert.True(File.Exists(Path.Combine(_run.Directory, f)), f));
    }

    [Fact]
    public void ProbeKinds_LandInTheirOwnLists()
    {
        Assert.Equal(["raw", "multi-mean", "tok1", "sweep-point"], _run.Results.Probes.Select(p => p.Spec.Name));
        Assert.Equal(4, _run.Results.Probes.Single(p => p.Spec.Name == "raw").CrossValidation!.FoldScores.Count);
        SparseProbeOutcome sparse = Assert.Single(_run.Results.SparseProbes);
        Assert.Equal([1, 2, 4], sparse.Result.Entries.Select(e => e.K));
        SaeBenchProbeOutcome saeBench = Assert.Single(_run.Results.SaeBenchProbes);
        Assert.Equal([1, 3], saeBench.Result.MeanAccuracy.Select(m => m.K));
        Assert.Equal(5, saeBench.Result.NegativeSeed);
        // 24 problems, 8 per class, test_size 0.25: 6 training and 2 test problems per class, so 6 + 3 + 3 and 2 + 1 + 1.
        Assert.All(saeBench.Result.Tasks, t => Assert.Equal((12, 4), (t.Task.Train.Length, t.Task.Test.Length)));
        HybridProbeOutcome hybrid = Assert.Single(_run.Results.HybridProbes);
        Assert.Equal(3, hybrid.Result.K);
        Assert.Equal(4, hybrid.Result.Comparisons.Count);
    }

    [Fact]
    public void ResultsJson_HoldsTheNewSections()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ResultsFileName)));
        JsonElement root = json.RootElement;

        Assert.Equal(4, root.GetProperty("sweep").GetProperty("points").GetArrayLength());
        Assert.True(root.GetProperty("sweep").GetProperty("points")[0].TryGetProperty("reconstruction_frontier", out _));
        Assert.Equal(3, root.GetProperty("saes")[0].GetProperty("across_seeds").GetProperty("runs").GetArrayLength());
        Assert.Equal(8, root.GetProperty("saes")[1].GetProperty("subset").GetProperty("layer").GetInt64());
        Assert.Equal(1, root.GetProperty("sparse_probes").GetArrayLength());
        Assert.Equal(3, root.GetProperty("sae_bench_probes")[0].GetProperty("result").GetProperty("tasks").GetArrayLength());
        Assert.Equal(1, root.GetProperty("hybrid_probes").GetArrayLength());
        Assert.True(root.GetProperty("probes")[0].GetProperty("cross_validation").GetProperty("accuracy").GetProperty("std").GetDouble() >= 0);
    }

    [Fact]
    public void Report_ShowsEveryNextStep()
    {
        string report = File.ReadAllText(Path.Combine(_run.Directory, ExperimentRunner.ReportFileName));

        foreach (string expected in new[]
        {
            "## Sweep: g", "| **l1=0.0001,features=8** |", "★", "sweep_pareto_explained_variance.png",
            "### Cross-Validated Accuracy", "### k-Sparse Probes: Accuracy vs k", "| k = 4 |", "### SAEBench Sparse Probing: multi-saebench", "Mean (SAEBench's score)", "### Hybrid Probe: multi-hybrid", "PCA, top 3 components",
            "**Trained on**", "layer=8", "**Seeds**", "0, 1, 2", "Across SAE seeds", "the paired comparisons use the first seed's SAE",
        })
        {
            Assert.Contains(expected, report);
        }

        Assert.Matches(@"\| \*\*Explained Variance\*\* \| -?\d+\.\d\d% ± \d+\.\d\d \| -?\d+\.\d\d% \|", report);
        Assert.DoesNotContain("Δ l8 vs multi", report);
    }

    /// <summary>Runs the experiment once for all the tests of this class.</summary>
    public sealed class Run() : ExperimentRunFixture(Experiment, "saelab-next-");
}
