using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;
using SaeLab.Tensors;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.Interop;

/// <summary>
/// SAEs written by tests/fixtures-src/make_interop_fixtures.py in the SAELens and sparsify layouts: SaeLab must
/// reproduce the codes and reconstructions torch computed with the libraries' own formulas.
/// </summary>
public sealed class SaeInteropTests : IDisposable
{
    private static readonly TorchReference Reference = new(FixturePath("reference.safetensors"));

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Fixtures => new()
    {
        { "standard", ReluSae.ArchitectureName },
        { "jumprelu", JumpReluSae.ArchitectureName },
        { "gated", GatedSae.ArchitectureName },
        { "topk", TopKSae.ArchitectureName },
        { "sparsify", TopKSae.ArchitectureName },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void LoadedSae_ReproducesTheTorchReference(string name, string architecture)
    {
        ISparseAutoencoder sae = SaeFolder.Load(FixturePath(name));

        Assert.Equal(architecture, sae.Architecture);
        Reference.AssertReproduces(sae, name);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void SavedAgainInTheSaeLensLayout_GivesTheSameOutputs(string name, string architecture)
    {
        SaeCheckpoint.Save(_dir, SaeFolder.Load(FixturePath(name)));

        ISparseAutoencoder reloaded = SaeFolder.Load(_dir);

        Assert.Equal(architecture, reloaded.Architecture);
        Assert.Equal(SaeFolderLayout.SaeLens, SaeFolder.DetectLayout(_dir));
        Reference.AssertReproduces(reloaded, name);
    }

    [Fact]
    public void SavedTopK_WritesKAndCentring()
    {
        SaeCheckpoint.Save(_dir, SaeFolder.Load(FixturePath("sparsify")));

        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, SaeCheckpoint.ConfigFileName)))!.AsObject();

        Assert.Equal(3, config["k"]!.GetValue<int>());
        Assert.True(config["apply_b_dec_to_input"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void SavedInANarrowDType_LoadsTheRoundedWeights(DType dtype)
    {
        var sae = (GatedSae)SaeFolder.Load(FixturePath("gated"));

        SaeCheckpoint.Save(_dir, sae, new SaeSaveOptions { WeightsDType = dtype });
        var reloaded = (GatedSae)SaeFolder.Load(_dir);

        Assert.Equal(FloatEncoding.Encode(sae.WEnc, dtype, sae.WEnc.Length).ToFloat32(), reloaded.WEnc);
        Assert.Equal(FloatEncoding.Encode(sae.RMag, dtype, sae.RMag.Length).ToFloat32(), reloaded.RMag);
        Assert.Contains($"\"dtype\": \"{DTypeInfo.DisplayName(dtype)}\"", File.ReadAllText(Path.Combine(_dir, SaeCheckpoint.ConfigFileName)));
        Assert.All(SafeTensorsFile.Read(Path.Combine(_dir, SaeCheckpoint.WeightsFileName)).Tensors, pair => Assert.Equal(dtype, pair.Value.DType));
    }

    [Fact]
    public void FeatureFrequencies_AreWrittenAsLog10Sparsity()
    {
        var sae = new ReluSae(2, 3);

        SaeCheckpoint.Save(_dir, sae, new SaeSaveOptions { FeatureFrequencies = [0.5, 0.01, 0] });

        Assert.Equal([(float)Math.Log10(0.5 + 1e-10), (float)Math.Log10(0.01 + 1e-10), -10f], SaeCheckpoint.ReadSparsity(_dir)!);
    }

    [Fact]
    public void SeveralHookpoints_AreAUserErrorListingThem()
    {
        foreach (string hookpoint in new[] { "layers.4", "layers.8" })
        {
            SaeCheckpoint.Save(Path.Combine(_dir, hookpoint), new ReluSae(2, 3));
        }

        var error = Assert.Throws<SaeLabException>(() => SaeFolder.Load(_dir));

        Assert.Contains("layers.4, layers.8", error.Message);
        Assert.IsType<ReluSae>(SaeFolder.Load(Path.Combine(_dir, "layers.8")));
    }

    [Theory]
    [InlineData("\"architecture\": \"standard\"", "\"architecture\": \"matryoshka\"", "unknown architecture 'matryoshka'")]
    [InlineData("\"normalize_activations\": \"none\"", "\"normalize_activations\": \"constant_norm_rescale\"", "constant_norm_rescale")]
    [InlineData("\"d_sae\": 3", "\"d_sae\": 4", "cfg.json implies [2, 4]")]
    [InlineData("\"d_in\": 2", "\"d_in\": \"two\"", "'d_in' is \"two\", not an integer")]
    public void BadConfig_IsAUserError(string find, string replace, string expected)
    {
        SaeCheckpoint.Save(_dir, new ReluSae(2, 3));
        string configPath = Path.Combine(_dir, SaeCheckpoint.ConfigFileName);
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<SaeLabException>(() => SaeFolder.Load(_dir));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0x3F800000u, 0x3F80)] // 1.0
    [InlineData(0x3F808000u, 0x3F80)] // exactly halfway between 0x3F80 and 0x3F81: ties to the even 0x3F80
    [InlineData(0x3F818000u, 0x3F82)] // halfway between 0x3F81 and 0x3F82: ties to the even 0x3F82
    [InlineData(0x3F808001u, 0x3F81)] // just above halfway: rounds up
    [InlineData(0xC0200000u, 0xC020)] // -2.5
    [InlineData(0x7F7FFFFFu, 0x7F80)] // float.MaxValue rounds past the largest bfloat16 to +Inf
    [InlineData(0x7F800000u, 0x7F80)] // +Inf
    public void BFloat16_RoundsToNearestEven(uint floatBits, int expected) =>
        Assert.Equal((ushort)expected, FloatEncoding.ToBFloat16Bits(BitConverter.UInt32BitsToSingle(floatBits)));

    [Fact]
    public void BFloat16_KeepsNaN() => Assert.True(float.IsNaN(FloatEncoding.Encode([float.NaN], DType.BFloat16, 1).ToFloat32()[0]));

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "interop", name);
}
