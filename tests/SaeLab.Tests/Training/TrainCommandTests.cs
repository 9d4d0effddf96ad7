using System.Text.Json.Nodes;
using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Training;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_WritesTheCheckpointAndTheLog()
    {
        string output = Path.Combine(_dir, "sae");
        var (code, stdout, stderr) = Run("train", "--data", WriteData(), "--out", output, "--expansion", "2", "--epochs", "3", "--batch-size", "8", "--seed", "5");

        Assert.Equal(0, code);
        Assert.Contains("trained 6 -> 12 SAE on 30 vectors", stdout);
        Assert.Equal(3, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var sae = Assert.IsType<ReluSae>(SaeFolder.Load(output));
        Assert.Equal(12, sae.DSae);
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.Equal(5, config["seed"]!.GetValue<int>());
        Assert.Equal(2.0, config["expansion"]!.GetValue<double>());
        JsonObject log = JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!.AsObject();
        Assert.Equal(30, log["vectors"]!.GetValue<int>());
        Assert.Equal(0.001, log["config"]!["l1"]!.GetValue<double>());
        JsonArray epochs = log["epochs"]!.AsArray();
        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, e => Assert.All(["epoch", "loss", "reconstruction", "sparsity", "l0", "seconds"], key => Assert.NotNull(e![key])));
        Assert.True(log["seconds"]!.GetValue<double>() > 0);
    }

    [Fact]
    public void Quiet_PrintsNoProgress()
    {
        var (code, _, stderr) = Run("train", "--data", WriteData(), "--out", Path.Combine(_dir, "q"), "--features", "4", "--epochs", "2", "--quiet");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("--features 0", "error: --features must be a whole number ≥ 1, got 0")]
    [InlineData("--features 4 --expansion 2", "error: set exactly one of --features and --expansion")]
    [InlineData("--features 4 --lr -1", "error: --lr must be a finite number > 0, got -1")]
    public void BadOptions_ExitWithCode2AndNameTheOption(string options, string message)
    {
        var (code, _, stderr) = Run(["train", "--data", WriteData(), "--out", Path.Combine(_dir, "x"), .. options.Split(' ')]);
        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains(message, stderr);
    }

    [Theory]
    [InlineData("topk", "", true)]
    [InlineData("topk", "--apply-b-dec-to-input false --mse-reduction mean", false)]
    [InlineData("relu", "", false)]
    [InlineData("relu", "--apply-b-dec-to-input true --mse-reduction sum", true)]
    public void TrainingForm_IsTheArchitecturesOwnUnlessGivenAndIsSaved(string architecture, string options, bool centred)
    {
        string output = Path.Combine(_dir, $"form-{architecture}-{centred}");
        string[] extra = options.Length == 0 ? [] : options.Split(' ');
        var (code, _, stderr) = Run(["train", "--data", WriteData(), "--out", output, "--features", "8", "--epochs", "2", "--arch", architecture, "--quiet", .. (architecture == "relu" ? extra : ["--k", "2", .. extra])]);

        Assert.True(code == 0, stderr);
        Assert.Equal(centred, ((DictionarySae)SaeFolder.Load(output)).ApplyBDecToInput);
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.Equal(centred, config["apply_b_dec_to_input"]!.GetValue<bool>());
    }

    [Fact]
    public void MatryoshkaWidths_AreTheTrainedPrefixes()
    {
        string output = Path.Combine(_dir, "matryoshka");
        var (code, _, stderr) = Run("train", "--data", WriteData(), "--out", output, "--features", "12", "--k", "3", "--epochs", "1", "--arch", "matryoshka", "--matryoshka-widths", "2,6", "--quiet");

        Assert.True(code == 0, stderr);
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.Equal([2, 6], config["matryoshka_widths"]!.AsArray().Select(w => w!.GetValue<int>()));
    }

    [Theory]
    [InlineData("--arch topk --k 2 --mse-reduction median", "error: --mse-reduction must be one of sum, mean, got 'median'")]
    [InlineData("--arch matryoshka --k 2 --matryoshka-widths 4,2", "error: --matryoshka-widths must be increasing whole numbers ≥ 1, got 4,2")]
    [InlineData("--arch matryoshka --k 2 --matryoshka-widths 2,9", "error: --matryoshka-widths must each be ≤ --features (8), got 2,9")]
    [InlineData("--arch matryoshka --k 2 --matryoshka-widths two", "error: --matryoshka-widths takes comma-separated whole numbers, e.g. 128,512,1024 (got 'two')")]
    [InlineData("--arch topk --k 2 --matryoshka-widths 2,4", "error: --matryoshka-widths applies to --arch matryoshka only, got 'topk'")]
    public void BadFormOptions_NameTheOption(string options, string message)
    {
        var (code, _, stderr) = Run(["train", "--data", WriteData(), "--out", Path.Combine(_dir, "bad"), "--features", "8", .. options.Split(' ')]);
        Assert.NotEqual(0, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void MissingData_ExitsWithCode2()
    {
        var (code, _, stderr) = Run("train", "--data", Path.Combine(_dir, "none.safetensors"), "--out", _dir, "--features", "4");
        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.StartsWith("error: ", stderr);
    }

    private string WriteData()
    {
        string path = Path.Combine(_dir, "data.safetensors");
        ActivationSet data = SaeTrainerTests.Synthetic(count: 30, dim: 6, seed: 9);
        SafeTensorsFile.Write(path, [new("activations", HostTensor.FromFloat32(data.Values, 30, 6))]);
        return path;
    }

    internal static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = SaeLabCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
