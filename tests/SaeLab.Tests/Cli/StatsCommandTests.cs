using System.Text.Json;
using SaeLab.Data;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Synthetic;
using SaeLab.Tensors;

namespace SaeLab.Tests.Cli;

/// <summary>probe --cv / --k-sparse / --hybrid, compare and recovery, end to end through the CLI.</summary>
public sealed class StatsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-stats-cli-").FullName;
    private readonly string _data;
    private readonly string _sae;
    private readonly SyntheticDataset _synthetic;

    public StatsCommandTests()
    {
        _synthetic = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 45, Dim = 16, TrueFeatures = 48, ActivePerVector = 5, Seed = 1 });
        _data = Path.Combine(_dir, "acts.safetensors");
        ActivationWriter.Write(_synthetic.Set, _data);
        _sae = Path.Combine(_dir, "sae");
        var sae = new ReluSae(16, 48);
        _synthetic.TrueDirections.CopyTo(sae.WDec, 0);
        for (int f = 0; f < 48; f++)
        {
            for (int i = 0; i < 16; i++)
            {
                sae.WEnc[i * 48 + f] = sae.WDec[f * 16 + i];
            }
        }

        SaeCheckpoint.Save(_sae, sae);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ProbeCv_PrintsMeanAndStd_AndWritesEveryFold()
    {
        string json = Path.Combine(_dir, "cv.json");

        CliResult run = CliRunner.Run("probe", "--data", _data, "--aggregate", "mean", "--cv", "3", "--cv-repeats", "2", "--out", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 × 3-fold stratified cross-validation over 45 problems", run.Output);
        Assert.Contains("accuracy ", run.Output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(6, doc.RootElement.GetProperty("fold_scores").GetArrayLength());
        Assert.Equal(6, doc.RootElement.GetProperty("accuracy").GetProperty("n").GetInt32());
    }

    [Fact]
    public void ProbeKSparse_PrintsATableRowPerK()
    {
        CliResult run = CliRunner.Run("probe", "--data", _data, "--sae", _sae, "--aggregate", "mean", "--k-sparse", "1,2,5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| k | accuracy |", run.Output);
        Assert.Contains("| 5 |", run.Output);
    }

    [Fact]
    public void ProbeSaeBenchProtocol_PrintsEachTaskAndTheMeanPerK_AndWritesTheTasks()
    {
        string json = Path.Combine(_dir, "saebench.json");

        CliResult run = CliRunner.Run("probe", "--data", _data, "--sae", _sae, "--aggregate", "mean", "--k-sparse-protocol", "saebench", "--out", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("SAEBench sparse probing, one balanced binary task per class", run.Output);
        Assert.Contains("| k | mixed | 95% CI | pure_addition | 95% CI | pure_multiplication | 95% CI | mean | 95% CI |", run.Output);
        // 45 problems, 15 per class, split 36/9: each task trains on 12 + 6 + 6 and tests on 3 + (2, 1 or 1, 2).
        Assert.Contains("| mixed | 12/12 | 3/3 |", run.Output);
        Assert.Contains("| 5 |", run.Output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(3, doc.RootElement.GetProperty("tasks").GetArrayLength());
        Assert.Equal([1, 2, 5], doc.RootElement.GetProperty("mean_accuracy").EnumerateArray().Select(m => m.GetProperty("k").GetInt32()));
        JsonElement task = doc.RootElement.GetProperty("tasks")[0].GetProperty("task");
        Assert.Equal(6, task.GetProperty("train_negatives").GetProperty("pure_addition").GetInt32());
        Assert.False(task.TryGetProperty("train", out _), "sample indices stay out of the JSON; each probe lists its test problems");
    }

    [Fact]
    public void ProbeHybrid_ThenCompareTwoSavedProbes()
    {
        string hybrid = Path.Combine(_dir, "hybrid.json"), raw = Path.Combine(_dir, "raw.json"), sae = Path.Combine(_dir, "sae.json");

        CliResult run = CliRunner.Run("probe", "--data", _data, "--sae", _sae, "--aggregate", "mean", "--hybrid", "4", "--out", hybrid);
        CliRunner.Run("probe", "--data", _data, "--aggregate", "mean", "--out", raw);
        CliRunner.Run("probe", "--data", _data, "--sae", _sae, "--aggregate", "mean", "--out", sae);
        CliResult compare = CliRunner.Run("compare", raw, sae, "--seed", "2", "--out", Path.Combine(_dir, "cmp.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| sae-directions top-4 | 4 |", run.Output);
        Assert.Contains("sae-directions top-4 mean vs pca top-4 mean", run.Output);
        Assert.Equal(0, compare.ExitCode);
        Assert.Contains("raw mean vs sae mean", compare.Output);
        Assert.Contains("significant", compare.Output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "cmp.json")));
        Assert.Equal(9, doc.RootElement.GetProperty("items").GetInt32());
        Assert.True(doc.RootElement.GetProperty("mcnemar").TryGetProperty("p_value", out _));
    }

    [Fact]
    public void Recovery_OfTheTrueDictionary_IsOne()
    {
        string truth = Path.Combine(_dir, "truth.safetensors");
        SafeTensorsFile.Write(truth, [new("true_directions", HostTensor.FromFloat32(_synthetic.TrueDirections, 48, 16))]);

        CliResult run = CliRunner.Run("recovery", "--sae", _sae, "--truth", truth);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("mean max cosine (per true feature) 1.000", run.Output);
        Assert.Contains("recovered (cosine > 0.9) 1.000", run.Output);
    }

    [Theory]
    [InlineData("--cv", "1", "--cv must be at least 2")]
    [InlineData("--cv", "20", "--cv 20 needs at least 20 samples of every class")]
    [InlineData("--k-sparse", "1,x", "--k-sparse takes comma-separated whole numbers")]
    [InlineData("--k-sparse", "99", "--k-sparse values must be between 1 and the feature count 16")]
    [InlineData("--hybrid", "3", "--hybrid needs --sae")]
    [InlineData("--negative-seed", "3", "--negative-seed applies only to --k-sparse-protocol saebench")]
    public void Probe_BadStatisticsOptions_ExitTwoWithAClearMessage(string option, string value, string expected)
    {
        CliResult run = CliRunner.Run("probe", "--data", _data, "--aggregate", "mean", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public void Probe_TwoModes_IsAnError()
    {
        CliResult run = CliRunner.Run("probe", "--data", _data, "--aggregate", "mean", "--cv", "3", "--k-sparse", "2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("separate modes", run.Error);
    }

    [Fact]
    public void Compare_ANonProbeFile_IsAClearError()
    {
        string bogus = Path.Combine(_dir, "bogus.json");
        File.WriteAllText(bogus, "{\"accuracy\": 0.5}");

        CliResult run = CliRunner.Run("compare", bogus, bogus);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("test_labels", run.Error);
    }
}
