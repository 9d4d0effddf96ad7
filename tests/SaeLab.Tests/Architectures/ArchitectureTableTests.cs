using SaeLab.Sae;
using SaeLab.Settings;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Architectures;

/// <summary>The one architecture table: what each entry declares is what its step and its saved SAE do.</summary>
public sealed class ArchitectureTableTests
{
    [Fact]
    public void EveryName_AnswersToExactlyOneEntry()
    {
        Assert.Equal(SaeArchitectures.Names.Count, SaeArchitectures.Names.Distinct().Count());
        Assert.All(SaeArchitectures.Names, name => Assert.Single(SaeArchitectures.All, a => a.Answers(name)));
    }

    [Theory]
    [MemberData(nameof(ArchitectureConfigs.Trainable), MemberType = typeof(ArchitectureConfigs))]
    public void AFreshStep_IsSavedAsItsDeclaredArchitecture_WhichLoads(string name)
    {
        SaeArchitecture entry = SaeArchitectures.Find(name);
        var config = new SaeTrainingConfig { Architecture = name, Features = 8, K = entry.NeedsK ? 2 : null };

        ISaeTrainingStep step = SaeArchitectures.Create(config, 4, 8, 4, new Random(0));

        Assert.Equal(entry.SavedAs, step.Model.Architecture);
        string folder = Directory.CreateTempSubdirectory("saelab-table-").FullName;
        try
        {
            SaeCheckpoint.Save(folder, step.Model);
            ISparseAutoencoder loaded = SaeFolder.Load(folder);
            Assert.Equal(step.Model.GetType(), loaded.GetType());
            Assert.Contains(entry.SavedAs, SaeArchitectures.SavedNames);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(ArchitectureConfigs.Trainable), MemberType = typeof(ArchitectureConfigs))]
    public void NeedsK_IsWhatValidationAsksFor(string name)
    {
        var config = new SaeTrainingConfig { Architecture = name, Features = 8 };

        if (SaeArchitectures.Find(name).NeedsK)
        {
            Assert.Contains("needs --k", Assert.Throws<SettingException>(config.Validate).Message);
        }
        else
        {
            config.Validate();
        }
    }

    [Fact]
    public void AnUnknownName_ListsTheKnownOnes()
    {
        var error = Assert.Throws<SaeLabException>(() => SaeArchitectures.Find("sparse"));

        Assert.Contains("relu, standard, topk", error.Message);
    }

    [Fact]
    public void TheArchitecturesThatKeepK_AreNamedFromTheTable() =>
        Assert.Equal("topk, batchtopk and matryoshka", SaeArchitectures.NeedingK);
}
