using System.Text.Json.Nodes;
using SaeLab.Data;
using SaeLab.Formats;
using SaeLab.Formats.Numpy;
using SaeLab.Tensors;
using SaeLab.Tests.Formats;

namespace SaeLab.Tests.Data;

public sealed class ActivationLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static float[] ExpectedActivations() =>
        FormatFixtures.ExpectedEntry("seed_layout.pt", "activations").GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static long[] ExpectedInts(string name) =>
        FormatFixtures.ExpectedEntry("seed_layout.pt", name).EnumerateArray().Select(v => v.GetInt64()).ToArray();

    private static string[] ExpectedLabels() =>
        FormatFixtures.ExpectedEntry("seed_layout.pt", "operation_types").EnumerateArray().Select(v => v.GetString()!).ToArray();

    // The seed-layout fixture's activations, problems and labels, whichever format carried them.
    private static void AssertSeedValues(ActivationSet set)
    {
        Assert.Equal(ExpectedActivations(), set.Values);
        Assert.Equal(ExpectedInts("problems"), set.Ints(MetadataKeys.Problems));
        Assert.Equal(ExpectedLabels(), set.Strings(MetadataKeys.DefaultLabel));
    }

    [Fact]
    public void SeedLayoutPt_IsRecognisedWithoutOptions()
    {
        ActivationFile file = ActivationLoader.Open(FormatFixtures.Path("seed_layout.pt"));
        ActivationSet set = file.Set;

        Assert.Equal(ActivationFileFormat.Torch, file.Format);
        Assert.Equal((12, 5), (set.Count, set.Dim));
        AssertSeedValues(set);
        Assert.Equal(ExpectedInts("layers"), set.Ints(MetadataKeys.Layers));
        Assert.Equal(ExpectedInts("tokens"), set.Ints(MetadataKeys.Tokens));
        Assert.Equal(ExpectedInts("problems").Select(p => p + 100), set.Ints("gsm8k_idx"));
        Assert.Equal("fixture", file.Info!["source"]!.GetValue<string>());
        Assert.Contains(file.Notes, n => n.Contains("'norms'"));
        Assert.Contains(file.Tensors, t => t.Name == "metadata.gsm8k_idx" && t.Description == "int64[12]");
    }

    [Fact]
    public void CustomLayout_IsFoundByDottedKeys()
    {
        var options = new ActivationLoadOptions { ActivationsKey = "data.acts", MetadataKey = "data.meta" };

        ActivationSet set = ActivationLoader.Load(FormatFixtures.Path("custom_layout.pt"), options);

        Assert.Equal(ExpectedActivations()[..20], set.Values);
        Assert.Equal(ExpectedInts("problems")[..4], set.Ints(MetadataKeys.Problems));
    }

    [Theory]
    [InlineData("custom_layout.pt", "no activations 'activations'. top-level keys: data")]
    [InlineData("nonfinite.pt", "2 non-finite values (NaN or ±Inf) in 2 vectors; the first at row 1, column 2")]
    [InlineData("short_metadata.pt", "metadata column 'problems' has 11 entries for 12 vectors")]
    public void BadContent_IsAFormatErrorSayingWhatIsWrong(string fixture, string expected)
    {
        var error = Assert.Throws<FileFormatException>(() => ActivationLoader.Load(FormatFixtures.Path(fixture)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void NonFiniteScan_ListsRowsForSkipping()
    {
        NonFiniteScan scan = NonFiniteScan.Find([1f, float.NaN, 2f, 3f, float.PositiveInfinity, float.NegativeInfinity], 2)!;

        Assert.Equal((3L, 0, 1), (scan.Count, scan.FirstRow, scan.FirstColumn));
        Assert.Equal([0, 2], scan.Rows);
        Assert.Null(NonFiniteScan.Find([1f, 2f], 2));
    }

    [Fact]
    public void CompressedNpz_TakesIntAndStringColumnsAndNotesTheRest()
    {
        ActivationFile file = ActivationLoader.Open(FormatFixtures.Path("acts_compressed.npz"));

        Assert.Equal(ActivationFileFormat.Npz, file.Format);
        AssertSeedValues(file.Set);
        Assert.Equal(Enumerable.Repeat(4L, 12), file.Set.Ints(MetadataKeys.Layers));
        Assert.Equal(Enumerable.Repeat(1L, 12), file.Set.Ints("norms"));
        Assert.Contains(file.Notes, n => n.Contains("'mean'"));
    }

    [Theory]
    [InlineData("meta.json")]
    [InlineData("meta.csv")]
    public void NpyWithSideMetadata_TakesTheColumns(string sideFile)
    {
        string npy = Path.Combine(_dir, "acts.npy");
        NpyFile.Write(npy, NpyArray.OfNumbers(HostTensor.FromFloat32(ExpectedActivations(), 12, 5)));
        var options = new ActivationLoadOptions { MetadataPath = FormatFixtures.Path(sideFile) };

        ActivationFile file = ActivationLoader.Open(npy, options);
        ActivationSet set = file.Set;

        Assert.Equal(ActivationFileFormat.Npy, file.Format);
        AssertSeedValues(set);
        if (sideFile.EndsWith(".csv", StringComparison.Ordinal))
        {
            Assert.Equal("a, \"quoted\" note", set.Strings("note")[0]);
        }

        var wrongLength = Assert.Throws<FileFormatException>(() => ActivationLoader.Load(FormatFixtures.Path("c_order.npy"), options));
        Assert.Contains("entries for 4 vectors", wrongLength.Message);
    }

    [Fact]
    public void HandWrittenSafeTensors_ReadsColumnsAndInfo()
    {
        ActivationFile file = ActivationLoader.Open(FormatFixtures.Path("acts.safetensors"));

        Assert.Equal(ActivationFileFormat.SafeTensors, file.Format);
        AssertSeedValues(file.Set);
        Assert.Equal("fixture", file.Info!["source"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("out.safetensors")]
    [InlineData("out.npz")]
    public void WriterOutput_ReadsBackTheSameSet(string name)
    {
        ActivationFile original = ActivationLoader.Open(FormatFixtures.Path("seed_layout.pt"));
        string path = Path.Combine(_dir, name);

        ActivationWriter.Write(original.Set, path, info: original.Info);
        ActivationFile copy = ActivationLoader.Open(path);

        Assert.Equal(original.Set.Values, copy.Set.Values);
        Assert.Equal(
            original.Set.Columns.OrderBy(c => c.Name).Select(c => (c.Name, string.Join("|", Enumerable.Range(0, c.Length).Select(c.TextAt)))),
            copy.Set.Columns.OrderBy(c => c.Name).Select(c => (c.Name, string.Join("|", Enumerable.Range(0, c.Length).Select(c.TextAt)))));
        if (name.EndsWith(".safetensors", StringComparison.Ordinal))
        {
            Assert.True(JsonNode.DeepEquals(original.Info, copy.Info));
        }
    }

    [Fact]
    public void Float16Npz_IsWidenedToFloat32()
    {
        var options = new ActivationLoadOptions { ActivationsKey = "acts" };

        ActivationSet set = ActivationLoader.Load(FormatFixtures.Path("acts_stored.npz"), options);

        Assert.Equal(ExpectedActivations().Select(v => (float)(Half)v), set.Values);
    }

    [Fact]
    public void MaliciousPt_IsRefusedByTheLoader()
    {
        File.Delete(FormatFixtures.PwnedSentinel);

        Assert.Throws<FileFormatException>(() => ActivationLoader.Load(FormatFixtures.Path("malicious_system.pt")));

        Assert.False(File.Exists(FormatFixtures.PwnedSentinel));
    }

    [Fact]
    public void UnknownContent_IsAFormatErrorListingTheFormats()
    {
        string path = Path.Combine(_dir, "x.bin");
        File.WriteAllText(path, "hello world, not activations");

        var error = Assert.Throws<FileFormatException>(() => ActivationLoader.Load(path));

        Assert.Contains("supported: safetensors", error.Message);
    }

    [Fact]
    public void AnEmptyFile_IsNamedAsEmpty()
    {
        string path = Path.Combine(_dir, "empty.npy");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<FileFormatException>(() => ActivationLoader.Load(path));

        Assert.Equal($"{path}: the file is empty (0 bytes). was it written completely?", error.Message);
    }

    [Fact]
    public void AFolder_IsNamedAsAFolder_NotAccessDenied()
    {
        var error = Assert.Throws<SaeLabException>(() => ActivationLoader.Load(_dir));

        Assert.StartsWith($"{_dir}: is a folder, not a file. pass an activation file", error.Message);
    }

    [Theory]
    [InlineData("seed_layout.pt")]
    [InlineData("acts.safetensors")]
    [InlineData("c_order.npy")]
    public void EveryTruncation_SucceedsOrFailsAsFormatError(string name) =>
        FormatAssert.EveryTruncation(File.ReadAllBytes(FormatFixtures.Path(name)), _dir, Path.GetExtension(name), path => ActivationLoader.Load(path));

    [Theory]
    [InlineData("tensors.pt")]
    [InlineData("seed_layout.pt")]
    [InlineData("acts_compressed.npz")]
    [InlineData("acts.safetensors")]
    [InlineData("fortran.npy")]
    [InlineData("pandas_columns.npz")]
    [InlineData("sequences.pt")]
    public void RandomByteFlips_SucceedOrFailAsFormatErrors(string name)
    {
        byte[] original = File.ReadAllBytes(FormatFixtures.Path(name));
        string path = Path.Combine(_dir, "flipped" + Path.GetExtension(name));
        var random = new Random(42);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] mutated = (byte[])original.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            File.WriteAllBytes(path, mutated);
            FormatAssert.SucceedsOrFailsAsFormatError(() => ActivationLoader.Open(path));
        }
    }

    [SkippableFact]
    public void RealCodiFile_LoadsWithItsMetadataAndInfo()
    {
        string path = TestData.RequireSharedFile("codi_llama_ct_20.pt");

        ActivationFile file = ActivationLoader.Open(path);

        Assert.Equal((120, 2048), (file.Set.Count, file.Set.Dim));
        Assert.Equal(Enumerable.Repeat(-1L, 120), file.Set.Ints(MetadataKeys.Layers));
        Assert.Equal(20, file.Set.Ints(MetadataKeys.Problems).Distinct().Count());
        Assert.Equal([0L, 1, 2, 3, 4, 5], file.Set.Ints(MetadataKeys.Tokens).Distinct().Order());
        Assert.True(file.Set.HasColumn("gsm8k_idx"));
        Assert.Equal(2048, file.Info!["hidden_dim"]!.GetValue<long>());
        double norm = Math.Sqrt(file.Set.Row(0).ToArray().Sum(v => (double)v * v));
        Assert.InRange(norm, 20, 500);
    }
}
