using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Methods;

namespace SaeLab.Tests.Training;

public sealed class TrainingConfigDifferenceTests
{
    [Fact]
    public void EqualConfigs_HaveNoDifference() =>
        Assert.Empty(TrainingConfigDifference.Between(new SaeTrainingConfig { L1 = 1e-3 }, new SaeTrainingConfig { L1 = 1e-3 }));

    [Fact]
    public void EachDifferingSetting_IsNamed_TheMethodsLaidFlat()
    {
        var stored = new SaeTrainingConfig { LearningRate = 1e-3, Epochs = 25 };
        SaeTrainingConfig requested = stored with { LearningRate = 5e-4, Methods = new TrainingMethods { ResampleEvery = 100 } };

        IReadOnlyList<TrainingConfigDifference> differences = TrainingConfigDifference.Between(requested, stored);

        Assert.Equal(["learning_rate", "resample_every"], differences.Select(d => d.Key));
        Assert.Equal(["--lr", "--resample-every"], differences.Select(d => d.OptionName));
        Assert.Equal(("0.0005", "0.001"), (differences[0].Requested, differences[0].Stored));
    }

    [Fact]
    public void AnUnsetSetting_ReadsNone()
    {
        TrainingConfigDifference difference = Assert.Single(TrainingConfigDifference.Between(new SaeTrainingConfig { K = 4 }, new SaeTrainingConfig()));

        Assert.Equal(("k", "4", "none"), (difference.Key, difference.Requested, difference.Stored));
    }
}
