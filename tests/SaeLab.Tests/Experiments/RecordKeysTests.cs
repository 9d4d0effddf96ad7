using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Probing;
using SaeLab.Probing.CrossValidation;
using SaeLab.Settings;
using SaeLab.Synthetic;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Experiments;

/// <summary>
/// The library records an experiment file gives whole (the data's column keys, the generator, probe_settings,
/// cross_validation, supervised) are read through the records' own properties: a key given is set, a key not given
/// keeps the record's initial value, a typo is named with the key meant, and a check names the key.
/// </summary>
public sealed class RecordKeysTests
{
    private const string File = "data: {path: a.pt}\n";

    [Theory]
    [InlineData("data: {path: a.pt, problem_ky: pid}", "'problem_ky' is not a key here; did you mean 'problem_key'?")]
    [InlineData("data: {path: a.pt, skip_non_finite: true}", "'skip_non_finite' is not a key here")]
    [InlineData("data: {path: a.pt, load_options: {}}", "'load_options' is not a key here")]
    [InlineData("data: {synthetic: {problems: 30, dims: 8}}", "'dims' is not a key here; did you mean 'dim'?")]
    [InlineData(File + "probe_settings: {test_sise: 0.3}", "'test_sise' is not a key here; did you mean 'test_size'?")]
    [InlineData(File + "probe_settings: {label_key: op}", "'label_key' is not a key here")]
    [InlineData(File + "probes: [{name: p, cross_validation: {fold: 3}}]", "'fold' is not a key here; did you mean 'folds'?")]
    [InlineData(File + "saes: [{name: a, features: 8, supervised: {weigth: 0.5}}]", "'weigth' is not a key here; did you mean 'weight'?")]
    [InlineData(File + "saes: [{name: a, features: 8, supervised: {test_size: 0.5}}]", "'test_size' is not a key here")]
    public void AKeyTheRecordDoesNotTake_IsNamed_WithTheKeyMeant(string yaml, string expected)
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(yaml, "x.yaml"));

        Assert.Contains("x.yaml: line ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataColumnKeys_SetTheLoadOptions_AndKeepTheirDefaultsElsewhere()
    {
        ActivationLoadOptions given = ExperimentFile.Parse("data: {path: a.pt, layer_key: layer_idx}", "x.yaml").Data.LoadOptions;

        Assert.Equal(ActivationLoadOptions.Default with { LayerKey = "layer_idx" }, given);
        Assert.Null(ActivationLoadOptions.Default.LayerKey);
        Assert.Equal(ActivationLoadOptions.Default, ExperimentFile.Parse("data: {path: a.pt}", "x.yaml").Data.LoadOptions);
    }

    [Fact]
    public void Synthetic_SetsTheGeneratorsProperties_AndKeepsItsDefaultsElsewhere()
    {
        SyntheticConfig synthetic = ExperimentFile.Parse("data: {synthetic: {problems: 30, layers: [2, 5], classes: [a, b], relative_noise: 0.5}}", "x.yaml").Data.Synthetic!;

        var defaults = new SyntheticConfig();
        Assert.Equal((30, 0.5, defaults.Dim, defaults.Seed), (synthetic.Problems, synthetic.RelativeNoise, synthetic.Dim, synthetic.Seed));
        Assert.Equal([2, 5], synthetic.Layers);
        Assert.Equal(["a", "b"], synthetic.Classes);
    }

    [Fact]
    public void ProbeSettings_SetTheProbeConfig_WithTheDatasLabels_AndKeepItsDefaultsElsewhere()
    {
        ExperimentConfig config = ExperimentFile.Parse("data: {path: a.pt, label_key: op}\nprobe_settings: {test_size: 0.25}", "x.yaml");

        Assert.Equal(new ProbeConfig { TestSize = 0.25, LabelKey = "op" }, config.ProbeSettingsWithLabels());
        Assert.Equal(new ProbeConfig(), ExperimentFile.Parse(File, "x.yaml").ProbeSettings);
    }

    [Fact]
    public void CrossValidation_SetsTheCrossValidationConfig_AndKeepsItsDefaultsElsewhere()
    {
        ProbeSpec probe = ExperimentFile.Parse(File + "probes: [{name: p, cross_validation: {folds: 3}}]", "x.yaml").Probes.Single();

        Assert.Equal(new CrossValidationConfig { Folds = 3 }, probe.CrossValidation);
        Assert.NotEqual(3, new CrossValidationConfig().Folds);
    }

    [Fact]
    public void Supervised_SetsTheWeight_AndKeepsTheDefaultWhenEmpty()
    {
        SaeSpec[] saes = ExperimentFile.Parse(File + "saes: [{name: a, features: 8, supervised: {weight: 0.5}}, {name: b, features: 8, supervised: {}}]", "x.yaml").Saes;

        Assert.Equal(new SupervisedConfig { Weight = 0.5 }, saes[0].Supervised);
        Assert.Equal(new SupervisedConfig(), saes[1].Supervised);
    }

    [Theory]
    [InlineData("data: {synthetic: {problems: 2}}", "x.yaml: data: synthetic data: problems must be at least the number of classes (3), got 2")]
    [InlineData(File + "probe_settings: {test_size: 1.5}", "x.yaml: probe_settings: test_size must be a fraction between 0 and 1 exclusive (got 1.5)")]
    [InlineData(File + "probe_settings: {split_seed: -1}", "x.yaml: probe_settings: split_seed must be >= 0 (got -1)")]
    [InlineData(File + "probes: [{name: p, cross_validation: {folds: 1}}]", "x.yaml: probe 'p': cross_validation: folds must be at least 2 (got 1)")]
    [InlineData(File + "probes: [{name: p, cross_validation: {seed: -1}}]", "x.yaml: probe 'p': cross_validation: seed must be >= 0 (got -1)")]
    [InlineData(File + "saes: [{name: a, features: 8, supervised: {weight: -0.5}}]", "x.yaml: sae 'a': supervised: weight must be a finite number ≥ 0, got -0.5")]
    public void ARecordsCheck_NamesTheKey(string yaml, string expected)
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(yaml, "x.yaml").Validate("x.yaml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("probes: [{name: p, cross_validation: {folds: ~}}]", "'folds'")]
    [InlineData("saes: [{name: a, features: 8, supervised: {weight: ~}}]", "'weight'")]
    [InlineData("saes: [{name: a, features: 8, epochs: ~}]", "'epochs'")]
    public void ANullWhereTheRecordPromisesAValue_IsAnError_NotAZero(string yaml, string key)
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(File + yaml, "x.yaml"));

        Assert.Contains($"{key}: value is null, but it must be given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameChecks_NameTheFlagsOnTheCommandLine()
    {
        Assert.Equal("--cv must be at least 2 (got 1)", Assert.Throws<SettingException>(new CrossValidationConfig { Folds = 1 }.Validate).Message);
        Assert.Equal("--cv-seed must be >= 0 (got -1)", Assert.Throws<SettingException>(new CrossValidationConfig { Seed = -1 }.Validate).Message);
        Assert.Equal("--test-size must be a fraction between 0 and 1 exclusive (got 1.5)", Assert.Throws<SettingException>(new ProblemSplitConfig { TestSize = 1.5 }.Validate).Message);
    }
}
