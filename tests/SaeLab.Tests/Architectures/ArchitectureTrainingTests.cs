using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Settings;
using SaeLab.Synthetic;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Architectures;

public sealed class ArchitectureTrainingTests
{
    private static readonly ActivationSet Data = SyntheticActivationGenerator.Generate(new SyntheticConfig
    {
        Problems = 12,
        Layers = [4],
        Tokens = 2,
        Dim = 16,
        TrueFeatures = 24,
        ActivePerVector = 3,
    }).Set;

    [Theory]
    [MemberData(nameof(ArchitectureConfigs.TrainableWithSavedAs), MemberType = typeof(ArchitectureConfigs))]
    public void Training_LowersTheLossAndTheSavedFolderLoadsToIdenticalCodes(string architecture, string savedAs)
    {
        var config = new SaeTrainingConfig
        {
            Architecture = architecture,
            Features = 32,
            K = SaeArchitectures.NeedsK(architecture) ? 4 : null,
            Epochs = 12,
            BatchSize = 8,
            LearningRate = 1e-2,
            L1 = 1e-4,
            DeadTokens = 16,
        };

        TrainingResult result = SaeTrainer.Train(Data, config);

        Assert.True(result.Epochs[^1].Reconstruction < 0.5 * result.Epochs[0].Reconstruction, $"{result.Epochs[0].Reconstruction} -> {result.Epochs[^1].Reconstruction}");
        string folder = Path.Combine(Path.GetTempPath(), $"saelab-arch-{architecture}-{Guid.NewGuid():N}");
        try
        {
            TrainedSaeFolder.Save(folder, result, config, "synthetic", Data.Count);
            ISparseAutoencoder loaded = SaeFolder.Load(folder);

            Assert.Equal(savedAs, loaded.Architecture);
            Assert.Equal(Codes(result.Sae), Codes(loaded));
            Assert.Contains(Codes(loaded), c => c != 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ArchitectureConfigs.Trainable), MemberType = typeof(ArchitectureConfigs))]
    public void Training_OnTheRealCodiFile_GivesAFiniteSaeThatReloads(string architecture)
    {
        string path = TestData.RequireSharedFile("codi_llama_ct_20.pt");

        ActivationSet real = ActivationLoader.Load(path);
        var config = new SaeTrainingConfig { Architecture = architecture, Features = 256, K = SaeArchitectures.NeedsK(architecture) ? 16 : null, Epochs = 2, BatchSize = 32, DeadTokens = 64 };

        TrainingResult result = SaeTrainer.Train(real, config);

        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.Loss) && e.L0 > 0, $"epoch {e.Epoch}: loss {e.Loss}, L0 {e.L0}"));
        string folder = Path.Combine(Path.GetTempPath(), $"saelab-real-{architecture}-{Guid.NewGuid():N}");
        try
        {
            TrainedSaeFolder.Save(folder, result, config, path, real.Count);
            Assert.Equal(result.Sae.ExportTensors().Select(t => t.Value.ToFloat32()), SaeFolder.Load(folder).ExportTensors().Select(t => t.Value.ToFloat32()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UnknownArchitecture_IsAUserErrorNamingTheKnownOnes()
    {
        var error = Assert.Throws<SettingException>(() => new SaeTrainingConfig { Features = 4, Architecture = "nope" }.Validate());
        Assert.Contains("matryoshka", error.Message, StringComparison.Ordinal);
        Assert.Throws<SettingException>(() => new SaeTrainingConfig { Features = 4, Architecture = "topk" }.Validate());
        Assert.Throws<SaeLabException>(() => SaeArchitectures.Create(
            new SaeTrainingConfig { Expansion = 0.5, Architecture = "topk", K = 9 }, 16, 8, 4, new Random(0)));
    }

    [Fact]
    public void BatchTopKThreshold_IsTheMeanSmallestKeptCodeOfTheLastHundredBatches()
    {
        var config = new SaeTrainingConfig { Architecture = BatchTopKTrainingStep.Name, Features = 32, K = 3 };
        var step = (BatchTopKTrainingStep)SaeArchitectures.Create(config, Data.Dim, 32, 4, new Random(2));
        var minima = new List<float>();

        for (int s = 0; s < BatchTopKTrainingStep.ThresholdWindow + 20; s++)
        {
            step.Step(Data.Values, [.. Enumerable.Range(s % (Data.Count - 4), 4)]);
            minima.Add(step.LastCodes.ToArray().Where(z => z > 0).Min());
        }

        double expected = minima.TakeLast(BatchTopKTrainingStep.ThresholdWindow).Sum(m => (double)m) / BatchTopKTrainingStep.ThresholdWindow;
        Assert.All(((JumpReluSae)step.Model).Threshold, t => Assert.Equal((float)expected, t, 1e-6f));
    }

    [Fact]
    public void MatryoshkaPrefixes_AreNestedPowersOfTwoFractions()
    {
        Assert.Equal([4, 8, 16, 32, 64], MatryoshkaTrainingStep.PrefixSizesFor(64));
        Assert.Equal([1, 2, 5], MatryoshkaTrainingStep.PrefixSizesFor(5));
    }

    private static float[] Codes(ISparseAutoencoder sae)
    {
        var codes = new float[Data.Count * sae.DSae];
        sae.Encode(Data.Values, Data.Count, codes);
        return codes;
    }
}
