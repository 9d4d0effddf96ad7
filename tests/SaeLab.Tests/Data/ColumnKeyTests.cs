using SaeLab.Data;
using SaeLab.Formats;
using SaeLab.Tests.Cli;

namespace SaeLab.Tests.Data;

/// <summary>Files whose metadata columns are not named problems / layers / tokens, as pandas pipelines write them.</summary>
public sealed class ColumnKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void NamedColumns_AreReadAsTheProblemLayerAndTokenColumns()
    {
        string path = Write("keyed.safetensors", 12, new StringColumn("sample_id", Ids(12, 3)), new IntColumn("layer_idx", Repeat(12, 8)), new IntColumn("pos", Cycle(12, 3)));

        ActivationFile file = ActivationLoader.Open(path, new ActivationLoadOptions { ProblemKey = "sample_id", LayerKey = "layer_idx", TokenKey = "pos" });

        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], file.Set.Ints(MetadataKeys.Problems));
        Assert.Equal(Repeat(12, 8), file.Set.Ints(MetadataKeys.Layers));
        Assert.Equal(Cycle(12, 3), file.Set.Ints(MetadataKeys.Tokens));
        Assert.Contains(file.Notes, note => note.Contains("'sample_id' holds strings: its 4 distinct values are numbered 0..3"));
    }

    [Fact]
    public void AKeyNamingNoColumn_IsRefusedListingTheColumns()
    {
        string path = Write("keyed.safetensors", 6, new IntColumn("pid", Repeat(6, 0)));

        var error = Assert.Throws<FileFormatException>(() => ActivationLoader.Open(path, new ActivationLoadOptions { ProblemKey = "problem_id" }));

        Assert.Equal($"{path}: --problem-key 'problem_id': no metadata column of that name. columns present: pid", error.Message);
    }

    [Fact]
    public void AKeyedColumn_SetsAsideTheColumnOfTheStandardName()
    {
        string path = Write("both.safetensors", 6, new IntColumn("problems", Repeat(6, 0)), new IntColumn("pid", Cycle(6, 6)));

        ActivationFile file = ActivationLoader.Open(path, new ActivationLoadOptions { ProblemKey = "pid" });

        Assert.Equal(Cycle(6, 6), file.Set.Ints(MetadataKeys.Problems));
        Assert.Contains("column 'problems' is set aside: --problem-key 'pid' gives the problems", file.Notes);
    }

    [Fact]
    public void AProbeThatAveragesEveryVector_NeedsNoLayerOrTokenColumn()
    {
        int problems = 30;
        string path = Write(
            "no-positions.safetensors", problems * 2, new IntColumn("pid", [.. Enumerable.Range(0, problems * 2).Select(i => (long)(i / 2))]),
            new StringColumn("op", [.. Enumerable.Range(0, problems * 2).Select(i => i / 2 % 2 == 0 ? "add" : "mul")]));

        CliResult mean = CliRunner.Run("probe", "--data", path, "--problem-key", "pid", "--label-key", "op", "--aggregate", "mean");
        Assert.Equal(0, mean.ExitCode);
        Assert.Contains("accuracy", mean.Output);
        foreach (string positional in new[] { "token:1@layer:8", "concat", "layer-mean" })
        {
            CliResult result = CliRunner.Run("probe", "--data", path, "--problem-key", "pid", "--label-key", "op", "--aggregate", positional);
            Assert.Equal(2, result.ExitCode);
            Assert.Matches("'(layers|tokens)'", result.Error);
        }
    }

    private string Write(string name, int count, params MetadataColumn[] columns)
    {
        var random = new Random(1);
        float[] values = [.. Enumerable.Range(0, count * 4).Select(i => (float)random.NextDouble() + (i / 4 / 2 % 2 == 0 ? 1f : 0f) * (i % 4 == 0 ? 3f : 0f))];
        string path = Path.Combine(_dir, name);
        ActivationWriter.Write(new ActivationSet(values, count, 4, columns, path), path);
        return path;
    }

    private static string[] Ids(int count, int perProblem) => [.. Enumerable.Range(0, count).Select(i => $"gsm8k-{100 + (i / perProblem)}")];

    private static long[] Repeat(int count, long value) => [.. Enumerable.Repeat(value, count)];

    private static long[] Cycle(int count, int period) => [.. Enumerable.Range(0, count).Select(i => (long)(i % period))];
}
