using System.Text.Json;
using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Tests.Analysis;
using SaeLab.Tests.Cli;
using SaeLab.Tests.Data;

namespace SaeLab.Tests.Evaluation;

public sealed class EvalAndAnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eval_PrintsASummaryAndWritesJsonAndFigures()
    {
        var (sae, data) = WriteInputs();
        string json = Path.Combine(_dir, "eval.json"), figures = Path.Combine(_dir, "figures");

        CliResult run = CliRunner.Run("eval", "--sae", sae, "--data", data, "--out", json, "--figures", figures);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Reconstruction: GOOD", run.Output);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement metrics = document.RootElement.GetProperty("metrics");
        Assert.Equal(1, metrics.GetProperty("explained_variance").GetDouble());
        Assert.Equal(0.5, metrics.GetProperty("dead_fraction").GetDouble());
        Assert.Equal("good", document.RootElement.GetProperty("verdict").GetProperty("reconstruction").GetString());
        Assert.Equal("poor", document.RootElement.GetProperty("verdict").GetProperty("sparsity").GetString());
        Assert.Equal(0.9, document.RootElement.GetProperty("verdict").GetProperty("thresholds").GetProperty("explained_variance_good").GetDouble());
        Assert.Equal(5, Directory.GetFiles(figures, "*.png").Length);
    }

    [Fact]
    public void Analyze_PrintsTheTableAndWritesJsonAndHeatmap()
    {
        var (sae, data) = WriteInputs();
        string json = Path.Combine(_dir, "analysis.json"), figures = Path.Combine(_dir, "figures");

        CliResult run = CliRunner.Run("analyze", "--sae", sae, "--data", data, "--top", "5", "--out", json, "--figures", figures);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| 0 | 10 | 3.000 | a | 2.00 |", run.Output);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(2, document.RootElement.GetProperty("label_selective_features").GetInt32());
        Assert.Equal(5, document.RootElement.GetProperty("options").GetProperty("top").GetInt32());
        Assert.Equal("8", document.RootElement.GetProperty("top_features")[0].GetProperty("layer").GetProperty("preferred").GetString());
        Assert.True(File.Exists(Path.Combine(figures, "selective_positions.png")));
    }

    [Fact]
    public void Analyze_WithNoSelectiveFeature_SaysWhyThereIsNoHeatmap()
    {
        var (sae, data) = WriteInputs();
        string figures = Path.Combine(_dir, "figures");

        CliResult run = CliRunner.Run("analyze", "--sae", sae, "--data", data, "--threshold", "1000", "--figures", figures);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no selective_positions.png: no label-selective feature has a preferred position", run.Output);
        Assert.False(File.Exists(Path.Combine(figures, "selective_positions.png")));
    }

    [Fact]
    public void MissingDataFile_ExitsWithCodeTwoAndNamesIt()
    {
        var (sae, _) = WriteInputs();
        string missing = Path.Combine(_dir, "missing.safetensors");

        CliResult run = CliRunner.Run("eval", "--sae", sae, "--data", missing);

        Assert.Equal(SaeLabCli.InputErrorExitCode, run.ExitCode);
        Assert.Contains(missing, run.Error);
    }

    [Fact]
    public void BadOption_ExitsWithCodeTwoAndNamesIt()
    {
        var (sae, data) = WriteInputs();

        CliResult run = CliRunner.Run("analyze", "--sae", sae, "--data", data, "--min-usage", "0");

        Assert.Equal(SaeLabCli.InputErrorExitCode, run.ExitCode);
        Assert.Contains("--min-usage", run.Error);
    }

    [Fact]
    public void EvalOnTestVectors_MeasuresOnlyTheHeldOutProblems()
    {
        var (sae, data) = WriteInputs(ProblemSplitVectorsTests.TwoVectorsPerProblem());
        string json = Path.Combine(_dir, "eval.json");

        CliResult run = CliRunner.Run("eval", "--sae", sae, "--data", data, "--vectors", "test", "--out", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("on 4 vectors", run.Output);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Contains("test problems of the split: 2 of 10 problems", document.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public void SplitFlagsWithoutVectors_AreRefused()
    {
        var (sae, data) = WriteInputs(ProblemSplitVectorsTests.TwoVectorsPerProblem());

        CliResult run = CliRunner.Run("eval", "--sae", sae, "--data", data, "--split-seed", "3");

        Assert.Equal(SaeLabCli.InputErrorExitCode, run.ExitCode);
        Assert.Contains("describe the problems' split of --vectors train|test: add one of those, or drop them", run.Error);
    }

    /// <summary>Saves the split-signs SAE and <paramref name="set"/> (the analysis grid when null) as a safetensors file in ActivationLoader's layout.</summary>
    private (string Sae, string Data) WriteInputs(ActivationSet? set = null)
    {
        string saeDir = Path.Combine(_dir, "sae"), dataPath = Path.Combine(_dir, "grid.safetensors");
        SaeCheckpoint.Save(saeDir, TinySae.SplitSigns(2));
        ActivationSet grid = set ?? FeatureAnalyzerTests.Grid();
        var tensors = new List<KeyValuePair<string, HostTensor>> { new("activations", HostTensor.FromFloat32(grid.Values, grid.Count, grid.Dim)) };
        tensors.AddRange(grid.Columns.OfType<IntColumn>().Select(c => new KeyValuePair<string, HostTensor>(c.Name, HostTensor.FromInt64(c.Values, c.Length))));
        string labels = JsonSerializer.Serialize(grid.Columns.OfType<StringColumn>().ToDictionary(c => c.Name, c => c.Values));
        SafeTensorsFile.Write(dataPath, tensors, new Dictionary<string, string> { [ActivationLoader.StringColumnsMetadataKey] = labels });
        return (saeDir, dataPath);
    }
}
