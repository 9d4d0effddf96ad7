using System.Text;
using SaeLab.Data;
using SaeLab.Formats;
using SaeLab.Formats.Numpy;
using SaeLab.Tensors;
using SaeLab.Tests.Formats;

namespace SaeLab.Tests.Data;

/// <summary>Files as Python pipelines write them (tests/fixtures-src/make_format_fixtures.py): pandas object columns, [N, seq, d] batches.</summary>
public sealed class PipelineLayoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PandasObjectColumns_AreReadAsStrings_AndOtherObjectsAreNoted()
    {
        ActivationFile file = ActivationLoader.Open(FormatFixtures.Path("pandas_columns.npz"), new ActivationLoadOptions { ProblemKey = "sample_id" });

        Assert.Equal(["mixed", "mixed", "pure_addition"], file.Set.Strings(MetadataKeys.DefaultLabel));
        Assert.Equal([0L, 0, 1], file.Set.Ints(MetadataKeys.Problems));
        Assert.Contains("'note' object[3] holds NaN (a missing value), None items, not only strings; ignored", file.Notes);
    }

    [Fact]
    public void AnObjectNpy_OfStrings_ReadsAsAStringArray()
    {
        NpyArray array = NpyFile.Read(FormatFixtures.Path("pandas_labels.npy"));

        Assert.Equal(["mixed", "mixed", "pure_addition"], array.Strings!);
        Assert.Equal("str[3]", array.Description);
    }

    [Fact]
    public void AnObjectNpy_WhosePickleCallsCode_IsRefused()
    {
        byte[] original = File.ReadAllBytes(FormatFixtures.Path("pandas_labels.npy"));
        int payload = Array.IndexOf(original, (byte)'\n') + 1;
        byte[] hostile = [.. original[..payload], .. Encoding.ASCII.GetBytes("cposix\nsystem\n(S'touch /tmp/saelab_pwned'\ntR.")];
        string path = Path.Combine(_dir, "hostile.npy");
        File.WriteAllBytes(path, hostile);

        var error = Assert.Throws<FileFormatException>(() => NpyFile.Read(path));

        Assert.Contains("refusing to load: pickle references global posix.system", error.Message);
    }

    [Theory]
    [InlineData("sequences.pt")]
    [InlineData("sequences.npy")]
    public void SequenceBatches_AreFlattenedWithPositionAndSampleColumns(string name)
    {
        ActivationFile file = ActivationLoader.Open(FormatFixtures.Path(name));

        Assert.Equal((6, 4), (file.Set.Count, file.Set.Dim));
        Assert.Equal(Enumerable.Range(0, 24).Select(v => (float)v), file.Set.Values);
        Assert.Equal([0L, 1, 2, 0, 1, 2], file.Set.Ints(MetadataKeys.Tokens));
        Assert.Equal([0L, 0, 0, 1, 1, 1], file.Set.Ints(MetadataKeys.Problems));
        Assert.Contains("activations [2, 3, 4] are flattened to 6 vectors (sample × position); per-sample columns are repeated over the positions", file.Notes);
        if (name.EndsWith(".pt", StringComparison.Ordinal))
        {
            Assert.Equal(["mixed", "mixed", "mixed", "pure_addition", "pure_addition", "pure_addition"], file.Set.Strings(MetadataKeys.DefaultLabel));
        }
    }

    [Fact]
    public void SequenceBatches_KeepPerVectorColumns_AndDoNotGenerateWhatTheFileHas()
    {
        string path = Path.Combine(_dir, "batch.npz");
        NpzFile.Write(path, [
            new("activations", NpyArray.OfNumbers(new HostTensor(DType.Float32, [2, 3, 1], new byte[24]))),
            new("tokens", NpyArray.OfNumbers(HostTensor.FromInt64([5, 6, 7, 5, 6, 7], 6))),
            new("problems", NpyArray.OfNumbers(HostTensor.FromInt64([40, 41], 2))),
        ]);

        ActivationFile file = ActivationLoader.Open(path);

        Assert.Equal([5L, 6, 7, 5, 6, 7], file.Set.Ints(MetadataKeys.Tokens));
        Assert.Equal([40L, 40, 40, 41, 41, 41], file.Set.Ints(MetadataKeys.Problems));
        Assert.DoesNotContain(file.Notes, note => note.StartsWith("generated", StringComparison.Ordinal));
    }

    [Fact]
    public void ASequenceColumnOfAnotherLength_NamesBothLengths()
    {
        string path = Path.Combine(_dir, "batch.npy");
        NpyFile.Write(path, NpyArray.OfNumbers(new HostTensor(DType.Float32, [2, 3, 1], new byte[24])));
        string side = Path.Combine(_dir, "meta.json");
        File.WriteAllText(side, """{"operation_types": ["a", "b", "c", "d"]}""");

        var error = Assert.Throws<FileFormatException>(() => ActivationLoader.Load(path, new ActivationLoadOptions { MetadataPath = side }));

        Assert.Contains("metadata column 'operation_types' has 4 entries for 2 samples × 3 positions", error.Message);
    }

    [Theory]
    [InlineData("pandas_columns.npz")]
    [InlineData("pandas_labels.npy")]
    [InlineData("sequences.pt")]
    public void EveryTruncation_SucceedsOrFailsAsFormatError(string name) =>
        FormatAssert.EveryTruncation(File.ReadAllBytes(FormatFixtures.Path(name)), _dir, Path.GetExtension(name), ReadAny);

    private static void ReadAny(string path)
    {
        if (path.EndsWith(".npy", StringComparison.Ordinal))
        {
            NpyFile.Read(path);
        }
        else
        {
            ActivationLoader.Load(path);
        }
    }
}
