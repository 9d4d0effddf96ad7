using System.Text.Json;
using SaeLab.Cli;
using SaeLab.Data;
using SaeLab.Data.Shards;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;
using SaeLab.Tests.Cli;

namespace SaeLab.Tests.Shards;

/// <summary><c>saelab shard</c> with the activation loader's flags: --activations-key, --metadata, --skip-nonfinite.</summary>
public sealed class ShardLoadFlagsTests : IDisposable
{
    private const int Dim = 3;

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-shard-flags-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SkipNonFinite_DropsTheStreamedVectorsAndTheirMetadata()
    {
        // Rows 2, 8, 9, 10 and 11 hold NaN or Inf: the third shard of four rows is dropped whole.
        int[] bad = [2, 8, 9, 10, 11];
        string file = WriteSafeTensors(rows: 14, bad, key: "acts");
        string folder = Path.Combine(_dir, "out");

        CliResult refused = CliRunner.Run("shard", file, "--out", Path.Combine(_dir, "refused"), "--activations-key", "acts", "--rows-per-shard", "4");
        CliResult result = CliRunner.Run("shard", file, "--out", folder, "--activations-key", "acts", "--rows-per-shard", "4", "--skip-nonfinite");

        Assert.Equal(SaeLabCli.InputErrorExitCode, refused.ExitCode);
        Assert.Contains("vector 2 holds a non-finite value", refused.Error);
        Assert.Contains("--skip-nonfinite", refused.Error);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("note: skipped 5 streamed vectors holding NaN or ±Inf", result.Error);
        int[] kept = [.. Enumerable.Range(0, 14).Except(bad)];
        using ShardSet shards = ShardSet.Open(folder);
        Assert.Equal([3, 4, 2], shards.Index.Shards.Select(s => s.Rows));
        Assert.Equal(["shard-00000.safetensors", "shard-00001.safetensors", "shard-00002.safetensors"], shards.Index.Shards.Select(s => s.File));
        var values = new float[kept.Length * Dim];
        shards.ReadRows(0, kept.Length, values);
        Assert.Equal(kept.SelectMany(Row), values);
        Assert.Equal(kept.Select(r => (long)(100 + r)), ((IntColumn)shards.ReadColumns(0, kept.Length).Single(c => c.Name == "problems")).Values);
    }

    [Fact]
    public void SkipNonFinite_RefusesASourceWithNoFiniteVector()
    {
        string file = WriteSafeTensors(rows: 3, bad: [0, 1, 2], key: "activations");

        CliResult result = CliRunner.Run("shard", file, "--out", Path.Combine(_dir, "out"), "--skip-nonfinite");

        Assert.Equal(SaeLabCli.InputErrorExitCode, result.ExitCode);
        Assert.Contains("no finite vector is left", result.Error);
    }

    [Fact]
    public void SideMetadata_GivesAnNpyFileItsColumns()
    {
        string npy = Path.Combine(_dir, "acts.npy");
        NpyFile.Write(npy, NpyArray.OfNumbers(HostTensor.FromFloat32([.. Enumerable.Range(0, 5).SelectMany(Row)], 5, Dim)));
        string metadata = Path.Combine(_dir, "meta.json");
        File.WriteAllText(metadata, JsonSerializer.Serialize(new { problems = new[] { 7, 7, 8, 8, 9 }, operation_types = new[] { "a", "a", "m", "m", "x" } }));
        string folder = Path.Combine(_dir, "out");

        CliResult result = CliRunner.Run("shard", npy, "--out", folder, "--metadata", metadata);
        CliResult twoInputs = CliRunner.Run("shard", npy, npy, "--out", Path.Combine(_dir, "two"), "--metadata", metadata);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("columns: ", result.Output);
        using ShardSet shards = ShardSet.Open(folder);
        IReadOnlyList<MetadataColumn> columns = shards.ReadColumns(0, 5);
        Assert.Equal([7L, 7, 8, 8, 9], ((IntColumn)columns.Single(c => c.Name == "problems")).Values);
        Assert.Equal(["a", "a", "m", "m", "x"], ((StringColumn)columns.Single(c => c.Name == "operation_types")).Values);
        Assert.Equal(SaeLabCli.InputErrorExitCode, twoInputs.ExitCode);
        Assert.Contains("--metadata gives the columns of one activation file", twoInputs.Error);
    }

    private static IEnumerable<float> Row(int row) => Enumerable.Range(0, Dim).Select(i => (float)((row * 10) + i));

    /// <summary>A safetensors file of <paramref name="rows"/> vectors (row r is r·10, r·10 + 1, …) and a problems column; <paramref name="bad"/> rows get a NaN or Inf.</summary>
    private string WriteSafeTensors(int rows, int[] bad, string key)
    {
        float[] values = [.. Enumerable.Range(0, rows).SelectMany(Row)];
        foreach (int row in bad)
        {
            values[(row * Dim) + (row % Dim)] = row % 2 == 0 ? float.NaN : float.PositiveInfinity;
        }

        string path = Path.Combine(_dir, "acts.safetensors");
        SafeTensorsFile.Write(path, [new(key, HostTensor.FromFloat32(values, rows, Dim)), new("problems", HostTensor.FromInt64([.. Enumerable.Range(100, rows).Select(i => (long)i)], rows))]);
        return path;
    }
}
