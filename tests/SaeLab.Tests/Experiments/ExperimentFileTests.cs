using SaeLab.Experiments;

namespace SaeLab.Tests.Experiments;

public sealed class ExperimentFileTests
{
    [Fact]
    public void TheShippedSeedExperiment_ParsesAndValidates()
    {
        string path = Path.Combine(TestData.RepositoryRoot, "experiments", "seed-pilot-vs-refined.yaml");

        ExperimentConfig config = ExperimentFile.Load(path);

        Assert.Equal(["pilot", "refined"], config.Saes.Select(s => s.Name));
        Assert.Equal(8192, config.Saes[0].ToTrainingConfig().Features);
        Assert.Equal(5e-4, config.Saes[1].ToTrainingConfig().L1);
        Assert.Equal("token:1@layer:8", config.Probes.Single(p => p.Name == "refined").Aggregate);
        Assert.Equal("baseline", config.Baseline);
    }

    [Theory]
    [InlineData("data: {path: a.pt}\nsaes: [{name: a, features: 8, l2: 1}]", "l2")]
    [InlineData("data: {path: a.pt}\nprobes: [{name: p, source: nope}]", "nope")]
    [InlineData("data: {path: a.pt}\nsaes: [{name: a}]", "features")]
    [InlineData("saes: [{name: a, features: 8}]", "path")]
    [InlineData("data: {path: a.pt}\nsaes: [{name: a, features: 8}, {name: a, features: 9}]", "twice")]
    [InlineData("data: {path: a.pt}\nprobes: [{name: p}]\nbaseline: q", "baseline")]
    [InlineData("data: [", "line")]
    public void Mistakes_AreNamed(string yaml, string expected)
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(yaml, "x.yaml").Validate("x.yaml"));

        Assert.Contains(expected, error.Message);
        Assert.Contains("x.yaml", error.Message);
    }

    [Theory]
    [InlineData("nam: x\ndata: {path: a.pt}", "line 1, column 1: 'nam' is not a key here; did you mean 'name'?")]
    [InlineData("data: {path: a.pt, label_ky: op}", "'label_ky' is not a key here; did you mean 'label_key'?")]
    [InlineData("data: {path: a.pt}\nprobes: [{name: p, agregate: mean}]", "did you mean 'aggregate'?")]
    [InlineData("data: {path: a.pt}\nsaes: [{name: a, features: 8, epoch: 3}]", "'epoch' is not a key of an SAE entry nor a training setting; did you mean 'epochs'?")]
    public void KeyTypos_SuggestTheKeyMeant_WithoutDotNetNames(string yaml, string expected)
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(yaml, "x.yaml"));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("SaeLab.Experiments", error.Message);
    }

    [Fact]
    public void DataKeys_NameTheFilesPositionColumns()
    {
        ExperimentConfig config = ExperimentFile.Parse("data: {path: a.pt, problem_key: pid, layer_key: layer, token_key: pos}", "x.yaml");

        Assert.Equal(("pid", "layer", "pos"), (config.Data.LoadOptions.ProblemKey, config.Data.LoadOptions.LayerKey, config.Data.LoadOptions.TokenKey));
    }

    [Fact]
    public void AnSaeEntry_NamesItsModelAndHook_ForCfgJson()
    {
        ExperimentConfig config = ExperimentFile.Parse("data: {path: a.pt}\nsaes: [{name: a, features: 8, model_name: gpt2, hook_name: blocks.0.hook_resid_pre, weights_dtype: f16}]", "x.yaml");

        SaeLab.Sae.SaeSaveOptions save = config.Saes[0].SaveOptions();
        Assert.Equal(("gpt2", "blocks.0.hook_resid_pre", SaeLab.Tensors.DType.Float16), (save.ModelName, save.HookName, save.WeightsDType));
    }
}
