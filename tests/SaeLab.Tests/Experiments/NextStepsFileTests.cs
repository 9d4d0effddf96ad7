using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Synthetic;
using SaeLab.Training;

namespace SaeLab.Tests.Experiments;

/// <summary>The experiment-file keys of the seed's next steps: sweep, seeds, layer / token / split_by, probe kinds.</summary>
public sealed class NextStepsFileTests
{
    private const string Data = "data: {synthetic: {problems: 24, dim: 16}}\n";

    [Fact]
    public void TheShippedNextStepsExperiment_ParsesAndValidates()
    {
        ExperimentConfig config = ExperimentFile.Load(Path.Combine(TestData.RepositoryRoot, "experiments", "next-steps.yaml"));

        Assert.Equal(6, config.SweepPoints().Count);
        Assert.Equal([0, 1, 2], config.Saes.Single(s => s.Name == "base").SeedList());
        Assert.Equal(8, config.Saes.Single(s => s.Name == "layer8").Layer);
        Assert.Equal("token", config.Saes.Single(s => s.Name == "tokens").SplitBy);
        Assert.Equal([ProbeSpec.Logistic, ProbeSpec.KSparse, ProbeSpec.Hybrid], config.Probes.Select(p => p.Kind).Distinct());
        Assert.NotNull(config.Probes.Single(p => p.Name == "baseline").CrossValidation);
    }

    [Fact]
    public void Sweep_ExpandsToTheGridWithNamesAndSharedSettings()
    {
        ExperimentConfig config = ExperimentFile.Parse(Data + "sweep: {name: g, l1: [1.0e-4, 1.0e-3, 1.0e-2], expansion: [1, 4], epochs: 3, seeds: [0, 1]}", "x.yaml");
        config.Validate("x.yaml");

        IReadOnlyList<SaeSpec> points = config.SweepPoints();

        Assert.Equal(6, points.Count);
        Assert.Equal("g@l1=0.0001,expansion=1", points[0].Name);
        Assert.Equal("g@l1=0.01,expansion=4", points[5].Name);
        Assert.All(points, p => Assert.Equal(3, p.ToTrainingConfig().Epochs));
        Assert.All(points, p => Assert.Equal([0, 1], p.SeedList()));
        Assert.Equal("mean", config.Sweep!.Probe.Aggregate);
    }

    [Fact]
    public void Sweep_WithArchitectures_NamesThem()
    {
        ExperimentConfig config = ExperimentFile.Parse(Data + "sweep: {l1: [1.0e-3], features: [8, 16], architecture: [relu, standard]}", "x.yaml");
        config.Validate("x.yaml");

        Assert.Equal(["sweep@arch=relu,l1=0.001,features=8", "sweep@arch=relu,l1=0.001,features=16", "sweep@arch=standard,l1=0.001,features=8", "sweep@arch=standard,l1=0.001,features=16"], config.SweepPoints().Select(p => p.Name));
    }

    [Fact]
    public void SplitBy_ExpandsToOneSaePerValue()
    {
        SyntheticDataset data = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 6, Dim = 8, TrueFeatures = 32 });
        var spec = new SaeSpec { Name = "t", Training = Features(8), SplitBy = "token", Layer = 8 };

        IReadOnlyList<SaeSpec> saes = spec.Expand(data.Set);

        Assert.Equal(Enumerable.Range(0, 6).Select(t => $"t@token={t}"), saes.Select(s => s.Name));
        Assert.All(saes, s => Assert.Equal(8, s.Layer));
        Assert.Equal([4, 8, 14], new SaeSpec { Name = "l", Training = Features(8), SplitBy = "layer" }.Expand(data.Set).Select(s => s.Layer!.Value));
        int[] rows = saes[1].Subset.Rows(data.Set);
        Assert.Equal(6, rows.Length);
        Assert.All(rows, r => Assert.Equal(1, data.Set.Ints(MetadataKeys.Tokens)[r]));
    }

    [Fact]
    public void VectorSubset_WithNoVectors_IsAUserErrorListingWhatIsPresent()
    {
        SyntheticDataset data = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 3, Dim = 8, TrueFeatures = 32 });

        var error = Assert.Throws<SaeLabException>(() => new VectorSubset(7, null).Rows(data.Set));

        Assert.Contains("layer=7", error.Message);
        Assert.Contains("4, 8, 14", error.Message);
    }

    [Fact]
    public void ArchitectureOptions_ReachTheTrainerForSaesAndSweeps()
    {
        const string Options = "aux_k_coefficient: 0.5, dead_tokens: 64, bandwidth: 0.01, initial_threshold: 0.02";
        ExperimentConfig config = ExperimentFile.Parse(
            Data + $"saes: [{{name: a, architecture: jumprelu, features: 8, {Options}}}]\nsweep: {{k: [2], features: [8], architecture: [topk], {Options}}}", "x.yaml");

        foreach (SaeSpec spec in (IEnumerable<SaeSpec>)[config.Saes[0], config.SweepPoints()[0]])
        {
            SaeLab.Training.SaeTrainingConfig training = spec.ToTrainingConfig();
            Assert.Equal((0.5, 64L, 0.01, 0.02), (training.AuxKCoefficient, training.DeadTokens, training.Bandwidth, training.InitialThreshold));
        }
    }

    [Fact]
    public void TrainingFormKeys_ReachTheTrainerForSaesAndSweeps()
    {
        const string Options = "apply_b_dec_to_input: false, mse_reduction: mean, matryoshka_widths: [2, 4]";
        ExperimentConfig config = ExperimentFile.Parse(
            Data + $"saes: [{{name: a, architecture: matryoshka, k: 2, features: 8, {Options}}}]\nsweep: {{k: [2], features: [8], architecture: [matryoshka], {Options}}}", "x.yaml");

        foreach (SaeSpec spec in (IEnumerable<SaeSpec>)[config.Saes[0], config.SweepPoints()[0]])
        {
            SaeLab.Training.SaeTrainingConfig training = spec.ToTrainingConfig();
            Assert.False(training.ResolveApplyBDecToInput());
            Assert.False(training.ResolveSumsOverDimensions());
            Assert.Equal([2, 4], training.MatryoshkaWidths!);
        }
    }

    [Fact]
    public void Sweep_OverArchitectures_SweepsKForTheTopKFamilyAndL1ForTheOthers()
    {
        ExperimentConfig config = ExperimentFile.Parse(Data + "sweep: {l1: [1.0e-3, 1.0e-2], k: [4, 8], features: [16], architecture: [relu, topk, jumprelu]}", "x.yaml");

        IReadOnlyList<SaeSpec> points = config.SweepPoints();

        Assert.Equal(
            ["sweep@arch=relu,l1=0.001,features=16", "sweep@arch=relu,l1=0.01,features=16", "sweep@arch=topk,k=4,features=16",
             "sweep@arch=topk,k=8,features=16", "sweep@arch=jumprelu,l1=0.001,features=16", "sweep@arch=jumprelu,l1=0.01,features=16"],
            points.Select(p => p.Name));
        Assert.Equal([null, null, 4, 8, null, null], points.Select(p => p.ToTrainingConfig().K));
        Assert.Equal(8, points[3].ToTrainingConfig().K);
        Assert.Equal(0.01, points[5].ToTrainingConfig().L1);
    }

    [Theory]
    [InlineData("saes: [{name: a, features: 8, seed: 1, seeds: [0, 1]}]", "'seeds'")]
    [InlineData("saes: [{name: a, features: 8, seeds: [0, 0]}]", "'seeds'")]
    [InlineData("saes: [{name: a, features: 8, seeds: []}]", "'seeds'")]
    [InlineData("saes: [{name: a, features: 8, split_by: problem}]", "split_by 'problem'")]
    [InlineData("saes: [{name: a, features: 8, split_by: layer, layer: 8}]", "'layer'")]
    [InlineData("saes: [{name: a, features: 8, architecture: sparse}]", "architecture must be one of")]
    [InlineData("saes: [{name: a, features: 8, l1: -1}]", "l1")]
    [InlineData("saes: [{name: a, features: 8, architecture: topk, k: 2, mse_reduction: median}]", "mse_reduction must be one of")]
    [InlineData("saes: [{name: a, features: 8, architecture: topk, k: 2, matryoshka_widths: [2]}]", "matryoshka_widths applies to architecture matryoshka only")]
    [InlineData("saes: [{name: a@b, features: 8}]", "a@b")]
    [InlineData("saes: [{name: a, features: 8, layers: 8}]", "layers")]
    [InlineData("sweep: {k: [4], features: [8], architecture: [topk, relu]}", "'l1'")]
    [InlineData("sweep: {l1: [1.0e-3], features: [8], architecture: [batchtopk]}", "sweep 'k' instead of 'l1'")]
    [InlineData("sweep: {l1: [1.0e-3], k: [4], features: [8]}", "'k' applies to")]
    [InlineData("sweep: {k: [4, 4], features: [8], architecture: [topk]}", "'k' lists a value twice")]
    [InlineData("sweep: {k: [9], features: [8], architecture: [topk]}", "k must be ≤ features")]
    [InlineData("sweep: {expansion: [1]}", "'l1'")]
    [InlineData("sweep: {l1: [1.0e-3]}", "'features' and 'expansion'")]
    [InlineData("sweep: {l1: [1.0e-3], features: [8], expansion: [1]}", "'features' and 'expansion'")]
    [InlineData("sweep: {l1: [1.0e-3, 1.0e-3], features: [8]}", "'l1' lists a value twice")]
    [InlineData("sweep: {l1: [1.0e-3], features: [8], architecture: [sparse]}", "architecture 'sparse'")]
    [InlineData("sweep: {l1: [1.0e-3], features: [0]}", "features")]
    [InlineData("sweep: {l1: [1.0e-3], features: [8], probe: {aggregate: median}}", "sweep probe: aggregate")]
    [InlineData("sweep: {l1: [1.0e-3], features: [8], probe: {kind: hybrid}}", "kind")]
    [InlineData("probes: [{name: p, kind: svm}]", "kind 'svm'")]
    [InlineData("probes: [{name: p, ks: [1, 2]}]", "'ks' applies only to kind: k-sparse")]
    [InlineData("probes: [{name: p, kind: k-sparse, ks: [0]}]", "'ks'")]
    [InlineData("probes: [{name: p, protocol: saebench}]", "'protocol' applies only to kind: k-sparse")]
    [InlineData("probes: [{name: p, kind: k-sparse, protocol: binary}]", "protocol 'binary' is not one of multiclass, saebench")]
    [InlineData("probes: [{name: p, kind: k-sparse, negative_seed: 1}]", "'negative_seed' (≥ 0) applies only to kind: k-sparse with protocol: saebench")]
    [InlineData("probes: [{name: p, kind: k-sparse, protocol: saebench, negative_seed: -1}]", "'negative_seed'")]
    [InlineData("probes: [{name: p, k: 3}]", "'k' applies only to kind: hybrid")]
    [InlineData("probes: [{name: p, kind: hybrid, k: 3}]", "needs an SAE 'source'")]
    [InlineData("saes: [{name: a, features: 8}]\nprobes: [{name: p, source: a, kind: hybrid}]", "'k'")]
    [InlineData("probes: [{name: p, kind: k-sparse, cross_validation: {folds: 5}}]", "'cross_validation' applies only to kind: logistic")]
    [InlineData("probes: [{name: p, cross_validation: {folds: 1}}]", "cross_validation")]
    [InlineData("probes: [{name: p, aggregate: median}]", "aggregate")]
    [InlineData("probes: [{name: p, source: a@layer=8}]", "a@layer=8")]
    [InlineData("probes: [{name: p, kind: k-sparse}]\nbaseline: p", "logistic probes")]
    public void Mistakes_AreNamed(string yaml, string expected)
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(Data + yaml, "x.yaml").Validate("x.yaml"));

        Assert.Contains(expected, error.Message);
        Assert.Contains("x.yaml", error.Message);
    }

    [Fact]
    public void SplitSaeNames_AreAcceptedAsProbeSources()
    {
        ExperimentConfig config = ExperimentFile.Parse(Data + "saes: [{name: t, features: 8, split_by: token}]\nprobes: [{name: p, source: t@token=1}]", "x.yaml");

        config.Validate("x.yaml");
    }

    private static Dictionary<string, object?> Features(int features) => new() { [nameof(SaeTrainingConfig.Features)] = features };
}
