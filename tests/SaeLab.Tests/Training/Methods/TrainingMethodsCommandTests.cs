using System.Text.Json.Nodes;
using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Checkpoints;

namespace SaeLab.Tests.Training.Methods;

/// <summary>The training methods from the command line (<c>train</c>) and from experiment files (<c>methods:</c>).</summary>
public sealed class TrainingMethodsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-methods-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_WithEveryMethod_RecordsThemInCfgAndTheLog()
    {
        string output = Path.Combine(_dir, "sae");
        var (code, _, stderr) = TrainCommandTests.Run(
            "train", "--data", WriteData(), "--out", output, "--features", "12", "--epochs", "3", "--batch-size", "8", "--quiet",
            "--unit-norm-decoder", "--b-dec-init", "geometric_median", "--normalize-inputs", "--l1-warmup-steps", "4",
            "--lr-warmup-steps", "2", "--lr-decay-steps", "3", "--max-grad-norm", "1", "--resample-every", "5");
        var (aprilCode, _, aprilErrors) = TrainCommandTests.Run(
            "train", "--data", WriteData(), "--out", Path.Combine(_dir, "april"), "--features", "12", "--epochs", "2", "--quiet", "--l1-decoder-norm");
        Assert.True(aprilCode == 0, aprilErrors);

        Assert.True(code == 0, stderr);
        JsonObject methods = JsonNode.Parse(File.ReadAllText(Path.Combine(output, SaeCheckpoint.ConfigFileName)))!["methods"]!.AsObject();
        Assert.True(methods["unit_norm_decoder"]!.GetValue<bool>());
        Assert.Equal("geometric_median", methods["b_dec_init"]!.GetValue<string>());
        Assert.Equal(5, methods["resample_every"]!.GetValue<int>());
        JsonNode log = JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!;
        Assert.True(log["methods"]!["input_scale"]!.GetValue<float>() > 0);
        Assert.NotNull(log["methods"]!["resamplings"]);
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderIn(output)));
        Assert.IsType<ReluSae>(SaeFolder.Load(output));
    }

    [Theory]
    [InlineData("--b-dec-init median", "--b-dec-init must be one of default, zeros, mean, geometric_median")]
    [InlineData("--arch topk --k 2 --l1-warmup-steps 3", "--l1-warmup-steps: --arch topk has no sparsity penalty")]
    [InlineData("--max-grad-norm -1", "--max-grad-norm must be a finite number > 0")]
    public void BadMethodOptions_ExitWithCode2AndSayWhy(string options, string message)
    {
        var (code, _, stderr) = TrainCommandTests.Run(["train", "--data", WriteData(), "--out", Path.Combine(_dir, "x"), "--features", "4", "--quiet", .. options.Split(' ')]);
        Assert.Equal(SaeLabCli.InputErrorExitCode, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void ExperimentFile_MethodsKey_ReachesTheTrainingConfig()
    {
        const string Yaml = """
            data: {synthetic: {problems: 24, dim: 16}}
            saes:
              - name: modern
                features: 32
                methods: {unit_norm_decoder: true, b_dec_init: geometric_median, normalize_inputs: true, l1_warmup_steps: 10,
                          lr_warmup_steps: 5, lr_decay_steps: 20, max_grad_norm: 1.0, resample_every: 50}
              - {name: april, features: 32, methods: {l1_decoder_norm: true}}
            sweep: {l1: [1.0e-3], features: [8], methods: {unit_norm_decoder: true}}
            """;
        ExperimentConfig config = ExperimentFile.Parse(Yaml, "x.yaml");
        config.Validate("x.yaml");

        Assert.Equal(TrainingMethodsExamples.Every, config.Saes[0].ToTrainingConfig().Methods);
        Assert.True(config.Saes[1].ToTrainingConfig().Methods.L1DecoderNorm);
        Assert.True(config.SweepPoints().Single().ToTrainingConfig().Methods.UnitNormDecoder);
    }

    [Fact]
    public void TheShippedTrainingMethodsExperiment_ParsesAndValidates()
    {
        ExperimentConfig config = ExperimentFile.Load(Path.Combine(TestData.RepositoryRoot, "experiments", "training-methods.yaml"));
        Assert.Equal(["none", "unit-norm decoder, b_dec geometric median, lr warm-up 20, lr decay 40, clip 1", "L1 × decoder norm", "resample every 50", "b_dec geometric median, normalised inputs, l1 warm-up 40"], config.Saes.Select(s => s.ToTrainingConfig().Methods.Describe()));
    }

    [Theory]
    [InlineData("methods: {unit_norm: true}", "unit_norm")]
    [InlineData("methods: {b_dec_init: middle}", "b_dec_init must be one of")]
    public void ExperimentFile_BadMethods_AreErrorsNamingTheFile(string methods, string message)
    {
        string yaml = $"data: {{synthetic: {{problems: 24, dim: 16}}}}\nsaes:\n  - {{name: a, features: 8, {methods}}}\n";
        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(yaml, "x.yaml").Validate("x.yaml"));
        Assert.Contains("x.yaml", error.Message);
        Assert.Contains(message, error.Message);
    }

    private string WriteData()
    {
        string path = Path.Combine(_dir, "data.safetensors");
        if (!File.Exists(path))
        {
            ActivationSet data = SaeTrainerTests.Synthetic(count: 40, dim: 6, seed: 9);
            SafeTensorsFile.Write(path, [new("activations", HostTensor.FromFloat32(data.Values, 40, 6))]);
        }

        return path;
    }
}
