using System.Diagnostics;
using System.Text.Json;
using SaeLab.Analysis;
using SaeLab.Dashboard;
using SaeLab.Data;
using SaeLab.Synthetic;
using SaeLab.Training;

namespace SaeLab.Tests.Dashboard;

/// <summary>
/// The dashboard as a person meets it: tests/browser/dashboard-check.mjs opens the generated index.html from file://
/// in headless Chromium, searches for a feature, opens its card and reports what it shows; that is checked against
/// the analysis.json written beside it. CI (.ci/run) installs chromium and playwright-core; elsewhere the test skips
/// when either is missing.
/// </summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Set to 1 by .ci/run, so that CI cannot pass by skipping the browser.</summary>
    private const string RequireBrowserVariable = "SAELAB_REQUIRE_BROWSER";

    /// <summary>Cards show 4 significant digits.</summary>
    private const double DisplayTolerance = 5e-4;

    private static readonly string BrowserFolder = Path.Combine(TestData.RepositoryRoot, "tests", "browser");

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-browser-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void TheCardOfASearchedFeature_ShowsTheNumbersOfAnalysisJson()
    {
        RequireTool(File.Exists(Chromium), $"needs Debian's chromium at {Chromium} (apt-get install chromium; .ci/run installs it)");
        RequireTool(Directory.Exists(Path.Combine(BrowserFolder, "node_modules", "playwright-core")), "needs playwright-core (npm ci in tests/browser; .ci/run does it)");
        string site = Path.Combine(_dir, "site");
        FeatureAnalysis analysis = GenerateSyntheticDashboard(site);
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, DashboardSite.AnalysisFileName)));
        JsonElement expected = written.RootElement.GetProperty("top_features")[0];
        int feature = expected.GetProperty("id").GetInt32();

        using JsonDocument seen = RunBrowser(Path.Combine(site, DashboardSite.IndexFileName), feature);

        JsonElement root = seen.RootElement;
        Assert.Empty(root.GetProperty("errors").EnumerateArray());
        JsonElement index = root.GetProperty("index");
        Assert.Equal(written.RootElement.GetProperty("used_features").GetInt32(), index.GetProperty("live").GetInt32());
        Assert.Equal(analysis.DSae - analysis.UsedFeatures, index.GetProperty("dead").GetInt32());
        Assert.Equal(Math.Min(100, analysis.UsedFeatures), index.GetProperty("rowsOnPage").GetInt32());
        Assert.Equal(analysis.Features.MaxBy(f => f.MaxActivation)!.Id, root.GetProperty("sortedByMax")[0].GetInt32());
        Assert.Contains("no feature 999999999", root.GetProperty("unknownMessage").GetString());
        AssertCardMatches(expected, root.GetProperty("card"));
    }

    private static void AssertCardMatches(JsonElement expected, JsonElement card)
    {
        Assert.Equal($"#feature/{expected.GetProperty("id").GetInt32()}", card.GetProperty("hash").GetString());
        Assert.Equal(expected.GetProperty("usage").GetInt32(), card.GetProperty("usage").GetInt32());
        AssertShown(expected.GetProperty("density").GetDouble() * 100, double.Parse(card.GetProperty("density").GetString()!.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 5e-3);
        AssertShown(expected.GetProperty("max_activation").GetDouble(), card.GetProperty("maxActivation").GetDouble());
        AssertShown(expected.GetProperty("mean_activation").GetDouble(), card.GetProperty("meanActivation").GetDouble());
        JsonElement label = expected.GetProperty("label");
        AssertShown(label.GetProperty("selectivity").GetDouble(), card.GetProperty("selectivity").GetDouble());
        Assert.Equal(label.GetProperty("preferred").GetString(), card.GetProperty("label").GetString());
        Assert.Equal(expected.GetProperty("label_selective").GetBoolean() ? "yes" : "no", card.GetProperty("labelSelective").GetString());
        foreach (JsonProperty mean in label.GetProperty("means").EnumerateObject())
        {
            AssertShown(mean.Value.GetDouble(), card.GetProperty("breakdowns").GetProperty("label").GetProperty(mean.Name).GetDouble());
        }

        JsonElement detail = expected.GetProperty("detail");
        JsonElement[] top = [.. detail.GetProperty("top").EnumerateArray()];
        JsonElement[] shownTop = [.. card.GetProperty("top").EnumerateArray()];
        Assert.Equal(top.Select(e => e.GetProperty("vector").GetInt32()), shownTop.Select(e => e.GetProperty("vector").GetInt32()));
        for (int i = 0; i < top.Length; i++)
        {
            AssertShown(top[i].GetProperty("activation").GetDouble(), shownTop[i].GetProperty("activation").GetDouble());
            Assert.NotEqual("-", shownTop[i].GetProperty("label").GetString());
        }

        Assert.Equal(detail.GetProperty("histogram").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()), card.GetProperty("histogram").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(detail.GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()), card.GetProperty("neighbours").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal(
            detail.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("vector").GetInt32()).ToArray()),
            card.GetProperty("bands").EnumerateArray().Select(b => b.EnumerateArray().Select(v => v.GetInt32()).ToArray()));
    }

    /// <summary>Skips without the tool, except under .ci/run (SAELAB_REQUIRE_BROWSER=1), where a missing browser is a failure.</summary>
    private static void RequireTool(bool present, string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireBrowserVariable) == "1")
        {
            Assert.True(present, reason);
        }

        Skip.IfNot(present, reason);
    }

    private static void AssertShown(double expected, double shown, double relative = DisplayTolerance) =>
        Assert.InRange(shown, expected - (relative * Math.Abs(expected)) - 1e-9, expected + (relative * Math.Abs(expected)) + 1e-9);

    /// <summary>A small SAE trained on the demo's generator (seed-shaped: labels, layers, tokens), and its dashboard.</summary>
    private static FeatureAnalysis GenerateSyntheticDashboard(string site)
    {
        ActivationSet data = SyntheticActivationGenerator.Generate(new SyntheticConfig { Problems = 30, Dim = 32, TrueFeatures = 64 }).Set;
        TrainingResult trained = SaeTrainer.Train(data, new SaeTrainingConfig { Features = 128, Epochs = 5, Threads = 1 });
        return FeatureDashboard.Generate(trained.Sae, data, null, site, new DashboardOptions { Top = 10, FeaturesPerChunk = 32 }, "synthetic");
    }

    private static JsonDocument RunBrowser(string indexPath, int feature)
    {
        var start = new ProcessStartInfo("node", ["dashboard-check.mjs", "--index", indexPath, "--feature", feature.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = BrowserFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        Task<string> output = node.StandardOutput.ReadToEndAsync();
        Task<string> error = node.StandardError.ReadToEndAsync();
        Assert.True(node.WaitForExit(TimeSpan.FromMinutes(2)), "the browser check did not finish in 2 minutes");
        Assert.True(node.ExitCode == 0, $"dashboard-check.mjs exited with {node.ExitCode}: {error.Result}");
        return JsonDocument.Parse(output.Result);
    }
}
