using SaeLab.Cli.Commands;
using SaeLab.Experiments;

namespace SaeLab.Tests.Cli;

public sealed class ExperimentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-runcli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheShippedDemoExperiment_IsValid()
    {
        string path = Path.Combine(TestData.RepositoryRoot, "experiments", "demo.yaml");

        ExperimentConfig config = ExperimentFile.Load(path);

        Assert.NotNull(config.Data.Synthetic);
        Assert.Equal(["pilot", "refined"], config.Saes.Select(s => s.Name));
        Assert.Equal("baseline", config.Baseline);
    }

    [Fact]
    public void TheDemo_RunsTheShippedDemoFile() =>
        Assert.Equal(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "experiments", "demo.yaml")), DemoCommand.EmbeddedExperiment());

    [Fact]
    public void Run_OnAnExperimentFile_PrintsTheHeadlineAndWritesTheReport()
    {
        string experiment = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllText(experiment, """
            name: tiny
            data: {synthetic: {problems: 15, dim: 8, true_features: 32}}
            saes: [{name: s, features: 16, epochs: 1}]
            probes: [{name: raw, aggregate: mean}, {name: codes, source: s, aggregate: mean}]
            baseline: raw
            accuracy_grid: false
            """);
        string output = Path.Combine(_dir, "out");

        CliResult result = CliRunner.Run("run", experiment, "--out", output, "--quiet", "--threads", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("probe codes", result.Output);
        Assert.True(File.Exists(Path.Combine(output, ExperimentRunner.ReportFileName)));
    }

    [Fact]
    public void Run_WithATypoInTheFile_ExitsTwoNamingTheLine()
    {
        string experiment = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(experiment, "data: {synthetic: {problems: 15}}\nsaes: [{name: s, featurez: 16}]\n");

        CliResult result = CliRunner.Run("run", experiment, "--out", Path.Combine(_dir, "o"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml", result.Error);
        Assert.Contains("line 2", result.Error);
    }

    [Fact]
    public void Run_ThatFailsOnItsData_LeavesNoEmptyOutputFolder()
    {
        string experiment = Path.Combine(_dir, "missing-data.yaml");
        File.WriteAllText(experiment, "name: x\ndata:\n  path: nowhere.pt\nsaes:\n  - name: a\n    features: 4\n");
        string output = Path.Combine(_dir, "o");

        CliResult result = CliRunner.Run("run", experiment, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nowhere.pt: file not found", result.Error);
        Assert.False(Directory.Exists(output));
    }
}
