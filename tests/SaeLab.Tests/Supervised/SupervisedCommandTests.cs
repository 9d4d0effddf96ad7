using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Experiments;
using SaeLab.Figures;
using SaeLab.Sae;
using SaeLab.Training.Architectures;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Supervised;

public sealed class SupervisedCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-supervised-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_WithSupervisedWeight_WritesThePlainSaeTheHeadAndTheLog()
    {
        string output = Path.Combine(_dir, "sae");
        var (code, stdout, _) = Run(
            "train", "--data", WriteData(), "--out", output, "--features", "4", "--epochs", "2", "--batch-size", "16",
            "--supervised-weight", "0.1", "--split-seed", "7", "--test-size", "0.2", "--quiet");

        Assert.Equal(0, code);
        Assert.Contains("trained 8 -> 4 SAE on 144 vectors", stdout, StringComparison.Ordinal);
        Assert.Contains("held out 18 (the probes' test split)", stdout, StringComparison.Ordinal);
        Assert.IsType<ReluSae>(SaeFolder.Load(output));
        Assert.Equal(["mixed", "pure_addition", "pure_multiplication"], LinearHead.Load(output).Classes);
        Assert.True(File.Exists(Path.Combine(output, SupervisedSaeFolder.LogFileName)));
    }

    [Fact]
    public void Train_SplitFlagsWithoutSupervisedWeight_AreAnError()
    {
        var (code, _, stderr) = Run("train", "--data", WriteData(), "--out", Path.Combine(_dir, "x"), "--features", "4", "--split-seed", "3");

        Assert.Equal(2, code);
        Assert.Contains("--supervised-weight", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NegativeSupervisedWeight_NamesTheOption()
    {
        var (code, _, stderr) = Run("train", "--data", WriteData(), "--out", Path.Combine(_dir, "x"), "--features", "4", "--supervised-weight", "-1");

        Assert.Equal(2, code);
        Assert.Contains("--supervised-weight must be a finite number ≥ 0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ExperimentFile_SupervisedWeightOutOfRange_NamesTheEntryAndKey()
    {
        const string Yaml = """
            name: x
            data: {path: data.safetensors}
            saes:
              - {name: sup, expansion: 1, l1: 5.0e-4, supervised: {weight: -0.5}}
            """;

        var error = Assert.Throws<SaeLabException>(() => ExperimentFile.Parse(Yaml, "x.yaml").Validate("x.yaml"));

        Assert.Contains("sae 'sup': supervised", error.Message, StringComparison.Ordinal);
        Assert.Contains("weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_SupervisedSae_TrainsOnTheProbesTrainProblemsAndSaysSoInTheReport()
    {
        string data = WriteData();
        string yaml = Path.Combine(_dir, "sup.yaml");
        File.WriteAllText(yaml, $"""
            name: supervised
            data: {"{"}path: {Path.GetFileName(data)}{"}"}
            saes:
              - {"{"}name: plain, features: 4, l1: 1.0e-3, epochs: 2, batch_size: 32{"}"}
              - {"{"}name: sup, features: 4, l1: 1.0e-3, epochs: 2, batch_size: 32, supervised: {"{"}weight: 0.1{"}"}{"}"}
            probes:
              - {"{"}name: sup-mean, source: sup, aggregate: mean{"}"}
            accuracy_grid: false
            """);

        ExperimentResults results = ReportedExperiment.Run(ExperimentFile.Load(yaml), yaml, Path.Combine(_dir, "run"));

        SupervisedOutcome supervised = results.Saes.Single(s => s.Name == "sup").Supervised!;
        Assert.Equal((72, 18, 144), (supervised.TrainProblems, supervised.TestProblems, supervised.TrainVectors));
        Assert.Null(results.Saes.Single(s => s.Name == "plain").Supervised);
        string report = File.ReadAllText(Path.Combine(_dir, "run", ExperimentRunner.ReportFileName));
        Assert.Contains("| **Trained on** | all vectors | all vectors, probe-train problems only (72 of 90 problems) |", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "run", "saes", "sup", LinearHead.FileName)));
    }

    private string WriteData()
    {
        string path = Path.Combine(_dir, "data.safetensors");
        ActivationWriter.Write(SupervisedSaeTrainerTests.LabelledSet(), path);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = SaeLabCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
