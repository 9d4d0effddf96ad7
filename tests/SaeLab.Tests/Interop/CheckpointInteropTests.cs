using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Interop;

/// <summary>
/// Checkpoints written by tests/fixtures-src/make_checkpoint_fixtures.py in the layouts researchers already have (the
/// seed pipeline's sae_weights.pt, dictionary_learning's ae.pt + config.json, SAELens &lt; 6 cfg.json): SaeLab must
/// reproduce the codes and reconstructions their own classes computed in PyTorch.
/// </summary>
public sealed class CheckpointInteropTests : IDisposable
{
    private static readonly TorchReference Reference = new(FixturePath("reference.safetensors"));

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly (string Name, string Architecture, SaeFolderLayout Layout)[] Checkpoints =
    [
        ("seed", ReluSae.ArchitectureName, SaeFolderLayout.Seed),
        ("dictionary_learning/standard", ReluSae.ArchitectureName, SaeFolderLayout.DictionaryLearning),
        ("dictionary_learning/topk", TopKSae.ArchitectureName, SaeFolderLayout.DictionaryLearning),
        ("dictionary_learning/batchtopk", JumpReluSae.ArchitectureName, SaeFolderLayout.DictionaryLearning),
        ("dictionary_learning/matryoshka", JumpReluSae.ArchitectureName, SaeFolderLayout.DictionaryLearning),
        ("dictionary_learning/jumprelu", JumpReluSae.ArchitectureName, SaeFolderLayout.DictionaryLearning),
        ("dictionary_learning/gated", GatedSae.ArchitectureName, SaeFolderLayout.DictionaryLearning),
        ("saelens_v5/topk", TopKSae.ArchitectureName, SaeFolderLayout.SaeLens),
        ("saelens_v5/finetuned", ReluSae.ArchitectureName, SaeFolderLayout.SaeLens),
    ];

    public static TheoryData<string, string, SaeFolderLayout> Fixtures()
    {
        var data = new TheoryData<string, string, SaeFolderLayout>();
        foreach (var (name, architecture, layout) in Checkpoints)
        {
            data.Add(name, architecture, layout);
        }

        return data;
    }

    public static TheoryData<string, string> Architectures()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, architecture, _) in Checkpoints)
        {
            data.Add(name, architecture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void LoadedCheckpoint_ReproducesTheTorchReference(string name, string architecture, SaeFolderLayout layout)
    {
        ISparseAutoencoder sae = SaeFolder.Load(FixturePath(name));

        Assert.Equal(layout, SaeFolder.DetectLayout(FixturePath(name)));
        Assert.Equal(architecture, sae.Architecture);
        Reference.AssertReproduces(sae, name);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void SavedAgainInTheSaeLensLayout_GivesTheSameOutputs(string name, string architecture)
    {
        SaeCheckpoint.Save(_dir, SaeFolder.Load(FixturePath(name)));

        ISparseAutoencoder reloaded = SaeFolder.Load(_dir);

        Assert.Equal(SaeFolderLayout.SaeLens, SaeFolder.DetectLayout(_dir));
        Assert.Equal(architecture, reloaded.Architecture);
        Reference.AssertReproduces(reloaded, name);
    }

    [Fact]
    public void SeedFile_LoadsByItsPathUnderAnyName()
    {
        string renamed = Path.Combine(_dir, "sae_512feat.pt");
        File.Copy(FixturePath("seed/sae_weights.pt"), renamed);

        Reference.AssertReproduces(SaeFolder.Load(FixturePath("seed/sae_weights.pt")), "seed");
        Reference.AssertReproduces(SaeFolder.Load(renamed), "seed");
    }

    [Fact]
    public void SeedSae_DoesNotCentreItsInput() =>
        Assert.False(Assert.IsType<ReluSae>(SaeFolder.Load(FixturePath("seed"))).ApplyBDecToInput);

    [Fact]
    public void DictionaryLearningWeightsFile_LoadsItsFolder() =>
        Reference.AssertReproduces(SaeFolder.Load(FixturePath("dictionary_learning/topk/ae.pt")), "dictionary_learning/topk");

    [Fact]
    public void SeveralTrainerFolders_AreAUserErrorListingThem()
    {
        var error = Assert.ThrowsAny<SaeLabException>(() => SaeFolder.Load(FixturePath("dictionary_learning")));

        Assert.Contains("batchtopk, gated, jumprelu, matryoshka, standard, topk", error.Message);
    }

    [Fact]
    public void MatryoshkaAndBatchTopK_UseTheirScalarThresholdForEveryFeature()
    {
        var sae = Assert.IsType<JumpReluSae>(SaeFolder.Load(FixturePath("dictionary_learning/batchtopk")));

        Assert.All(sae.Threshold, threshold => Assert.Equal(0.9f, threshold));
        Assert.True(sae.ApplyBDecToInput);
    }

    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "checkpoints", name);
}
