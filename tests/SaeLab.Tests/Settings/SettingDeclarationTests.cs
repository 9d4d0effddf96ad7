using System.Globalization;
using SaeLab.Experiments;
using SaeLab.Settings;
using SaeLab.Tests.Cli;
using SaeLab.Training;
using SaeLab.Training.Methods;

namespace SaeLab.Tests.Settings;

/// <summary>The training settings are declared once, on their records: the CLI's flags and help and the experiment file's keys come from there.</summary>
public sealed class SettingDeclarationTests
{
    public static TheoryData<string> TrainingSettings => [.. SettingTable<SaeTrainingConfig>.All.Select(s => s.Name)];

    public static TheoryData<string> MethodSettings => [.. SettingTable<TrainingMethods>.All.Select(s => s.Name)];

    [Fact]
    public void ASettingError_NamesTheFlagForTheCommandLineAndTheKeyForExperimentFiles()
    {
        var error = Assert.Throws<SettingException>(new SaeTrainingConfig { Features = 4, BatchSize = 0 }.Validate);

        Assert.Equal("--batch-size must be ≥ 1, got 0", error.Message);
        Assert.Equal("batch_size must be ≥ 1, got 0", error.KeyMessage);
        var inFile = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse("data: {path: a.pt}\nsaes: [{name: a, features: 4, batch_size: 0}]", "x.yaml").Validate("x.yaml"));
        Assert.Contains("sae 'a': batch_size must be ≥ 1, got 0", inFile.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TrainingSettings))]
    public void EveryTrainingSetting_IsAnExperimentKey_AndATrainFlagWithTheRecordsDefault(string name)
    {
        Setting setting = SettingTable<SaeTrainingConfig>.Of(name);
        (string yaml, object expected) = SampleValue(setting);

        SaeSpec spec = Assert.Single(ExperimentFile.Parse($"data: {{path: a.pt}}\nsaes: [{{name: a, {setting.Key}: {yaml}}}]", "x.yaml").Saes);

        // The spec's own seed key (beside seeds:) carries seed.
        Assert.Equal(expected, setting.ValueIn(spec.ToTrainingConfig()));
        AssertListedInTrainHelp(setting);
    }

    [Theory]
    [MemberData(nameof(MethodSettings))]
    public void EveryMethod_IsAKeyUnderMethods_AndATrainFlag(string name)
    {
        Setting setting = SettingTable<TrainingMethods>.Of(name);
        (string yaml, object expected) = SampleValue(setting);

        SaeSpec spec = Assert.Single(ExperimentFile.Parse($"data: {{path: a.pt}}\nsaes: [{{name: a, methods: {{{setting.Key}: {yaml}}}}}]", "x.yaml").Saes);

        Assert.Equal(expected, setting.ValueIn(spec.ToTrainingConfig().Methods));
        AssertListedInTrainHelp(setting);
    }

    [Fact]
    public void AnUnknownKey_IsNamedWithItsLine()
    {
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse("data: {path: a.pt}\nsaes:\n  - name: a\n    batch_sise: 8\n", "x.yaml"));

        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("'batch_sise' is not a key of an SAE entry nor a training setting", error.Message, StringComparison.Ordinal);
    }

    private static void AssertListedInTrainHelp(Setting setting)
    {
        string help = CliRunner.Run("train", "--help").Output;
        string line = Assert.Single(help.Split('\n'), l => l.TrimStart().StartsWith(setting.Flag + " ", StringComparison.Ordinal) || l.Trim() == setting.Flag);
        Assert.Contains(setting.Help[..Math.Min(30, setting.Help.Length)], line, StringComparison.Ordinal);
        if (setting.Default is int or long or double or string && !setting.Help.Contains("[default:", StringComparison.Ordinal))
        {
            Assert.Fail($"{setting.Flag}'s help does not show its default");
        }

        if (setting.Default is int or long or double)
        {
            Assert.Contains($"[default: {Convert.ToString(setting.Default, CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
        }
    }

    // A value other than the default, as YAML writes it and as the record holds it.
    private static (string Yaml, object Value) SampleValue(Setting setting) => setting.ValueType switch
    {
        var t when t == typeof(int) => ("3", 3),
        var t when t == typeof(long) => ("7", 7L),
        var t when t == typeof(double) => ("0.5", 0.5),
        var t when t == typeof(bool) => ("true", true),
        var t when t == typeof(int[]) => ("[2, 4]", new[] { 2, 4 }),
        var t when t == typeof(string) => (setting.Choices[^1], setting.Choices[^1]),
        var t => throw new InvalidOperationException($"no sample value for {t}"),
    };
}
