using SaeLab.Codes;
using SaeLab.Data;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tests.Cli;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Codes;

/// <summary>
/// Codes of <see cref="TinySae.SplitSigns"/> (feature j = ReLU(x_j), feature 2 + j = ReLU(−x_j)) on three vectors,
/// worked by hand: [1, −2] → [1, 0, 0, 2]; [0, 0] → nothing; [3, 0.5] → [3, 0.5, 0, 0].
/// </summary>
public sealed class CodeFileTests : IDisposable
{
    private static readonly float[] DenseCodes = [1, 0, 0, 2, 0, 0, 0, 0, 3, 0.5f, 0, 0];

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-codes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Encode_KeepsTheNonZeroCodesAsCompressedRows()
    {
        SparseCodes codes = SparseCodes.Encode(TinySae.SplitSigns(2), Vectors(), batchSize: 2);

        Assert.Equal([1f, 2f, 3f, 0.5f], codes.Values);
        Assert.Equal([0, 3, 0, 1], codes.Indices);
        Assert.Equal([0L, 2, 2, 4], codes.RowStarts);
        Assert.Equal(DenseCodes, codes.ToDense());
    }

    [Theory]
    [InlineData("codes.npz")]
    [InlineData("codes.safetensors")]
    public void DenseCodes_AreAnActivationFileWithTheVectorsMetadata(string name)
    {
        string path = Path.Combine(_dir, name);

        CodeFile.Write(path, SparseCodes.Encode(TinySae.SplitSigns(2), Vectors(), 256), [.. Vectors().Columns], CodeLayout.Dense);

        ActivationSet read = ActivationLoader.Load(path, new ActivationLoadOptions { ActivationsKey = CodeFile.DenseName });
        Assert.Equal(DenseCodes, read.Values);
        Assert.Equal(["a", "b", "a"], read.Strings("op"));
        Assert.Equal([7L, 8, 9], read.Ints(MetadataKeys.Problems));
    }

    [Fact]
    public void DenseNpy_HoldsTheCodesAlone()
    {
        string path = Path.Combine(_dir, "codes.npy");

        CodeFile.Write(path, SparseCodes.Encode(TinySae.SplitSigns(2), Vectors(), 256), [.. Vectors().Columns], CodeLayout.Dense);

        NpyArray array = NpyFile.Read(path);
        Assert.Equal([3L, 4], array.Shape);
        Assert.Equal(DenseCodes, array.Numbers!.ToFloat32());
    }

    [Fact]
    public void SparseNpz_HasScipysSaveNpzLayout()
    {
        string path = Path.Combine(_dir, "codes.npz");

        CodeFile.Write(path, SparseCodes.Encode(TinySae.SplitSigns(2), Vectors(), 256), [.. Vectors().Columns], CodeLayout.Sparse);

        // scipy.sparse.load_npz reads format (a 0-d string), then csr_matrix((data, indices, indptr), shape=shape).
        var arrays = NpzFile.Read(path).ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal(["csr"], arrays["format"].Strings!);
        Assert.Empty(arrays["format"].Shape);
        Assert.Equal([3L, 4], arrays["shape"].Numbers!.ToInt64());
        Assert.Equal([1f, 2f, 3f, 0.5f], arrays["data"].Numbers!.ToFloat32());
        Assert.Equal("int32", Tensors.DTypeInfo.DisplayName(arrays["indices"].Numbers!.DType));
        Assert.Equal([0L, 3, 0, 1], arrays["indices"].Numbers!.ToInt64());
        Assert.Equal([0L, 2, 2, 4], arrays["indptr"].Numbers!.ToInt64());
        Assert.Equal(["a", "b", "a"], arrays["op"].Strings!);
    }

    [Fact]
    public void SparseSafeTensors_HoldTorchsCsrParts_WithTheShapeInTheHeader()
    {
        string path = Path.Combine(_dir, "codes.safetensors");

        CodeFile.Write(path, SparseCodes.Encode(TinySae.SplitSigns(2), Vectors(), 256), [.. Vectors().Columns], CodeLayout.Sparse);

        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        Assert.Equal("csr", contents.Metadata["format"]);
        Assert.Equal("[3, 4]", contents.Metadata["shape"]);
        Assert.Equal([1f, 2f, 3f, 0.5f], contents.Find("values")!.ToFloat32());
        Assert.Equal([0L, 3, 0, 1], contents.Find("indices")!.ToInt64());
        Assert.Equal([0L, 2, 2, 4], contents.Find("indptr")!.ToInt64());
    }

    [Theory]
    [InlineData("codes.npy", CodeLayout.Sparse, "a .npy holds one array")]
    [InlineData("codes.csv", CodeLayout.Dense, "no codes format for extension '.csv'")]
    public void UnwritableCombinations_AreRefused(string name, CodeLayout layout, string expected)
    {
        string path = Path.Combine(_dir, name);

        var error = Assert.Throws<SaeLabException>(() => CodeFile.Write(path, SparseCodes.Encode(TinySae.SplitSigns(2), Vectors(), 256), [], layout));

        Assert.Contains(expected, error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void TheEncodeCommand_WritesTheCodesAndSaysHowSparseTheyAre()
    {
        string sae = Path.Combine(_dir, "sae");
        SaeLab.Sae.SaeCheckpoint.Save(sae, TinySae.SplitSigns(2));
        string data = Path.Combine(_dir, "vectors.safetensors");
        ActivationWriter.Write(Vectors(), data);
        string output = Path.Combine(_dir, "codes.npz");

        CliResult result = CliRunner.Run("encode", "--sae", sae, "--data", data, "--out", output, "--layout", "sparse");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"encoded 3 vectors into 4 features: 4 non-zero codes (L0 1.3 per vector); wrote {output}\n", result.Output);
        Assert.True(File.Exists(output));
    }

    private static ActivationSet Vectors() =>
        new([1, -2, 0, 0, 3, 0.5f], 3, 2, [new IntColumn(MetadataKeys.Problems, [7, 8, 9]), new StringColumn("op", ["a", "b", "a"])], "vectors");
}
