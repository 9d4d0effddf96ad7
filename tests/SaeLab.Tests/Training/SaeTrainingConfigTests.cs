using SaeLab.Settings;
using SaeLab.Training;

namespace SaeLab.Tests.Training;

public sealed class SaeTrainingConfigTests
{
    public static TheoryData<SaeTrainingConfig, string> Invalid => new()
    {
        { new SaeTrainingConfig(), "set exactly one of --features and --expansion" },
        { new SaeTrainingConfig { Features = 4, Expansion = 2 }, "set exactly one of --features and --expansion" },
        { new SaeTrainingConfig { Features = 0 }, "--features must be a whole number ≥ 1, got 0" },
        { new SaeTrainingConfig { Expansion = -1 }, "--expansion must be a finite number > 0, got -1" },
        { new SaeTrainingConfig { Features = 4, L1 = -1e-3 }, "--l1 must be a finite number ≥ 0" },
        { new SaeTrainingConfig { Features = 4, Epochs = 0 }, "--epochs must be ≥ 1, got 0" },
        { new SaeTrainingConfig { Features = 4, BatchSize = 0 }, "--batch-size must be ≥ 1, got 0" },
        { new SaeTrainingConfig { Features = 4, LearningRate = double.NaN }, "--lr must be a finite number > 0" },
        { new SaeTrainingConfig { Features = 4, Threads = 0 }, "--threads must be ≥ 1, got 0" },
        { new SaeTrainingConfig { Features = 4, K = 2 }, "--k applies to topk, batchtopk and matryoshka; --arch relu sets its sparsity with --l1" },
        { new SaeTrainingConfig { Features = 4, K = 2, Architecture = "gated" }, "--k applies to topk, batchtopk and matryoshka; --arch gated" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheOptionAndItsAllowedValues(SaeTrainingConfig config, string message) =>
        Assert.Contains(message, Assert.Throws<SettingException>(config.Validate).Message);

    [Fact]
    public void Defaults_AreTheSeedsPilotSettings()
    {
        var config = new SaeTrainingConfig { Features = 2048 };
        config.Validate();
        Assert.Equal((1e-3, 25, 256, 1e-3, 0), (config.L1, config.Epochs, config.BatchSize, config.LearningRate, config.Seed));
    }

    [Theory]
    [InlineData(4.0, 512, 2048)]
    [InlineData(0.25, 6, 2)] // 1.5 rounds to even
    [InlineData(0.11, 5, 1)]
    public void Expansion_IsRoundedToAWholeDictionary(double expansion, int dIn, int features) =>
        Assert.Equal(features, new SaeTrainingConfig { Expansion = expansion }.ResolveFeatures(dIn));

    [Fact]
    public void AnExpansionBelowOneFeature_IsRefused_NotRaisedToOne()
    {
        var error = Assert.Throws<SettingException>(() => new SaeTrainingConfig { Expansion = 0.0001 }.ResolveFeatures(5));

        Assert.Equal("--expansion 0.0001 × d_in 5 gives 0.0005 features, fewer than one; give more than 0.1, or --features", error.Message);
    }
}
