using SaeLab.Data;
using SaeLab.Probing;
using SaeLab.Sae;
using SaeLab.Settings;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Supervised;

public sealed class SupervisedSaeTrainerTests
{
    private static readonly SaeTrainingConfig Training = new() { Features = 4, L1 = 1e-3, Epochs = 30, BatchSize = 32, LearningRate = 1e-2, Seed = 1 };

    /// <summary>
    /// 90 problems × 2 vectors × 8 dims, three classes: dims 0–2 carry a weak one-hot class signal, dims 3–7 a loud
    /// nuisance that an unsupervised SAE with few features spends them on.
    /// </summary>
    private static ActivationSet Data { get; } = LabelledSet();

    [Fact]
    public void Split_HoldsOutExactlyTheProbesTestProblems()
    {
        var settings = new SupervisedConfig { SplitSeed = 5 };

        SupervisedSplit split = SupervisedSplit.Of(Data, settings.SplitSettings);
        ProbeResult probe = Prober.Run(Data, ProbeWithSplit(settings.SplitSettings));

        Assert.Equal(probe.TestProblems.Order(), split.TestProblems);
        long[] problems = Data.Ints(MetadataKeys.Problems);
        Assert.All(split.Rows, row => Assert.DoesNotContain(problems[row], split.TestProblems));
        Assert.Equal(Data.Count - (split.TestProblems.Length * 2), split.Rows.Length);
        string[] labels = Data.Strings(MetadataKeys.DefaultLabel);
        Assert.Equal(split.Rows.Select(row => labels[row]), split.RowClasses.Select(c => split.Classes[c]));
    }

    [Fact]
    public void Training_NeverReadsTheTestProblemsVectors()
    {
        var supervised = new SupervisedConfig();
        SupervisedSplit split = SupervisedSplit.Of(Data, supervised.SplitSettings);
        long[] problems = Data.Ints(MetadataKeys.Problems);
        float[] poisoned = [.. Data.Values];
        for (int row = 0; row < Data.Count; row++)
        {
            if (split.TestProblems.Contains(problems[row]))
            {
                poisoned.AsSpan(row * Data.Dim, Data.Dim).Fill(float.NaN);
            }
        }

        var set = new ActivationSet(poisoned, Data.Count, Data.Dim, Data.Columns, "poisoned");
        SupervisedTrainingResult result = SupervisedSaeTrainer.Train(set, Training with { Epochs = 2 }, supervised);

        Assert.All(result.Training.Epochs, e => Assert.True(double.IsFinite(e.Loss)));
        Assert.All(result.Training.Sae.WEnc, w => Assert.True(float.IsFinite(w)));
        Assert.Equal(split.TestProblems, result.Split.TestProblems);
    }

    [Fact]
    public void CrossEntropyFalls_AndTheProbeOnCodesIsAtLeastTheUnsupervisedOnes()
    {
        var supervised = new SupervisedConfig { Weight = 1 };

        SupervisedTrainingResult withHead = SupervisedSaeTrainer.Train(Data, Training, supervised);
        SupervisedTrainingResult without = SupervisedSaeTrainer.Train(Data, Training, supervised with { Weight = 0 });

        Assert.True(withHead.Epochs[^1].CrossEntropy < withHead.Epochs[0].CrossEntropy * 0.5, string.Join(", ", withHead.Epochs.Select(e => $"{e.CrossEntropy:F3}/{e.TrainAccuracy:F2}")) + " | " + string.Join(", ", without.Epochs.Select(e => $"{e.CrossEntropy:F3}")));
        double accuracy = Prober.Run(Data, ProbeWithSplit(supervised.SplitSettings), withHead.Training.Sae).Metrics.Accuracy;
        double baseline = Prober.Run(Data, ProbeWithSplit(supervised.SplitSettings), without.Training.Sae).Metrics.Accuracy;
        Assert.True(accuracy >= baseline, $"supervised {accuracy} < unsupervised {baseline}");
    }

    [Fact]
    public void Folder_LoadsAsAPlainSaeAndTheHeadRoundTrips()
    {
        var supervised = new SupervisedConfig();
        SupervisedTrainingResult result = SupervisedSaeTrainer.Train(Data, Training with { Epochs = 1 }, supervised);
        string folder = Path.Combine(Path.GetTempPath(), $"saelab-supervised-{Guid.NewGuid():N}");
        try
        {
            SupervisedLog log = SupervisedSaeFolder.Save(folder, result, Training with { Epochs = 1 }, supervised, "synthetic");

            var sae = Assert.IsType<ReluSae>(SaeFolder.Load(folder));
            Assert.Equal(result.Training.Sae.WEnc, sae.WEnc);
            LinearHead head = LinearHead.Load(folder);
            Assert.Equal(result.Head.Classes, head.Classes);
            Assert.Equal(result.Head.W, head.W);
            Assert.Equal(result.Head.B, head.B);
            Assert.Equal(result.Split.Rows.Length, log.TrainVectors);
            Assert.True(File.Exists(Path.Combine(folder, SupervisedSaeFolder.LogFileName)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(-0.1, "--supervised-weight")]
    [InlineData(double.NaN, "--supervised-weight")]
    public void Validate_NamesTheOption(double weight, string option)
    {
        var error = Assert.Throws<SettingException>(() => new SupervisedConfig { Weight = weight }.Validate());
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheSplitOptions()
    {
        Assert.Contains("--test-size", Assert.Throws<SettingException>(() => new SupervisedConfig { TestSize = 1 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("--split-seed", Assert.Throws<SettingException>(() => new SupervisedConfig { SplitSeed = -1 }.Validate()).Message, StringComparison.Ordinal);
    }

    /// <summary>The labelled set the tests train on (also written to a file by the CLI and experiment tests).</summary>
    internal static ActivationSet LabelledSet()
    {
        const int Problems = 90, PerProblem = 2, Dim = 8;
        string[] classes = ["mixed", "pure_addition", "pure_multiplication"];
        var random = new Random(3);
        int count = Problems * PerProblem;
        float[] values = new float[count * Dim];
        long[] problems = new long[count];
        string[] labels = new string[count];
        for (int row = 0; row < count; row++)
        {
            int problem = row / PerProblem, label = problem % classes.Length;
            problems[row] = problem;
            labels[row] = classes[label];
            for (int i = 0; i < Dim; i++)
            {
                double noise = (2 * random.NextDouble()) - 1;
                values[(row * Dim) + i] = (float)(i < classes.Length ? (i == label ? 0.8 : 0) + (0.3 * noise) : 3 * noise);
            }
        }

        return new ActivationSet(values, count, Dim, [new IntColumn(MetadataKeys.Problems, problems), new StringColumn(MetadataKeys.DefaultLabel, labels)], "labelled");
    }

    /// <summary>A default probe that splits the problems as <paramref name="split"/> does.</summary>
    private static ProbeConfig ProbeWithSplit(ProblemSplitConfig split) =>
        new() { LabelKey = split.LabelKey, TestSize = split.TestSize, SplitSeed = split.SplitSeed };
}
