using System.Text.Json;
using SaeLab.Data;

namespace SaeLab.Tests.Cli;

public sealed class LabelOpsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-labels-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void Attach_LabelsEveryVectorOfTheRealFileByProblem()
    {
        string problems = TestData.RequireSharedFile("codi_llama_ct_20.problems.json");
        string activations = TestData.RequireSharedFile("codi_llama_ct_20.pt");

        string target = Path.Combine(_dir, "labelled.safetensors");
        CliResult result = CliRunner.Run("label-ops", problems, "--attach", activations, "--to", target);

        Assert.Equal(0, result.ExitCode);
        ActivationSet set = ActivationLoader.Load(target);
        string[] labels = set.Strings(MetadataKeys.DefaultLabel);
        long[] problemIds = set.Ints(MetadataKeys.Problems);
        Assert.Equal(120, labels.Length);
        Assert.All(Enumerable.Range(0, set.Count), row => Assert.Equal(labels[problemIds.ToList().IndexOf(problemIds[row])], labels[row]));
        Assert.Equal(12 * 6, labels.Count(l => l == "mixed"));
    }

    [Fact]
    public void Attach_WithoutATarget_ExitsTwo()
    {
        string problems = WriteProblems("""[{"problem": 0, "answer": "2+3=5"}]""");

        CliResult result = CliRunner.Run("label-ops", problems, "--attach", "x.pt");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to", result.Error);
    }

    [Fact]
    public void LabelOps_Out_CarriesEachProblemsIdBesideItsIndex()
    {
        string problems = WriteProblems("""
            [{"id": "train_4559", "answer": "2+3=5", "operation_type": "pure_addition"},
             {"id": 17, "answer": "2*3=6"},
             {"answer": "2*3=6, 6-1=5"}]
            """);
        string output = Path.Combine(_dir, "labels.json");

        CliResult result = CliRunner.Run("label-ops", problems, "--out", output);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement[] labels = [.. doc.RootElement.GetProperty("labels").EnumerateArray()];
        Assert.Equal([0, 1, 2], labels.Select(l => l.GetProperty("index").GetInt32()));
        Assert.Equal("train_4559", labels[0].GetProperty("id").GetString());
        Assert.Equal("17", labels[1].GetProperty("id").GetString());
        Assert.False(labels[2].TryGetProperty("id", out _), "a problem without an id has no id key");
        Assert.Equal(["pure_addition", "pure_multiplication", "mixed"], labels.Select(l => l.GetProperty("label").GetString()));
    }

    [SkippableFact]
    public void LabelOps_OnTheSeedsProblems_AgreesWithEveryStoredLabel_AndKeepsTheirIds()
    {
        string path = TestData.RequireSharedFile("gsm8k_operation_samples_600.json");
        string output = Path.Combine(_dir, "labels.json");

        CliResult result = CliRunner.Run("label-ops", path, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("agree with stored operation_type: 600 / 600", result.Output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement first = doc.RootElement.GetProperty("labels")[0];
        Assert.Equal((0, "train_4559"), (first.GetProperty("index").GetInt32(), first.GetProperty("id").GetString()));
    }

    [Fact]
    public void LabelOps_OnAMissingFile_ExitsTwoNamingIt()
    {
        CliResult result = CliRunner.Run("label-ops", "/no/such/problems.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/no/such/problems.json", result.Error);
    }

    private string WriteProblems(string json)
    {
        string path = Path.Combine(_dir, "problems.json");
        File.WriteAllText(path, json);
        return path;
    }
}
