using SaeLab.Dashboard;
using SaeLab.Tests.Cli;

namespace SaeLab.Tests.Dashboard;

public sealed class DashboardCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-dashboard-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void OnTheRealFile_WithItsProblems_TheCardsGetTheQuestions()
    {
        string data = TestData.RequireSharedFile("codi_llama_ct_20.pt");
        string problems = TestData.RequireSharedFile("codi_llama_ct_20.problems.json");
        string sae = Path.Combine(_dir, "sae");
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--out", sae, "--features", "64", "--epochs", "2", "--threads", "1").ExitCode);

        CliResult run = CliRunner.Run("dashboard", "--sae", sae, "--data", data, "--texts", problems, "--top", "5");

        Assert.True(run.ExitCode == 0, run.Error);
        string site = Path.Combine(sae, "dashboard");
        Assert.Contains($"wrote {Path.Combine(site, DashboardSite.IndexFileName)}", run.Output);
        // The .pt has no labels: they come from the worked answers, as label-ops derives them.
        Assert.Contains("labelled each vector from its problem's worked answer", run.Error);
        string texts = File.ReadAllText(Path.Combine(site, DashboardSite.DataFolder, "texts.js"));
        Assert.Contains("Tom's ship can travel at 10 miles per hour.", texts);
    }

    [Fact]
    public void AMissingTextsFile_ExitsTwoNamingIt()
    {
        string missing = Path.Combine(_dir, "nope.json");

        CliResult run = CliRunner.Run("dashboard", "--sae", _dir, "--data", Path.Combine(_dir, "x.safetensors"), "--texts", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {missing}: file not found", run.Error);
    }
}
