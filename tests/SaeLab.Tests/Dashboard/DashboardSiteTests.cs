using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SaeLab.Analysis;
using SaeLab.Dashboard;
using SaeLab.Tests.Analysis;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Dashboard;

public sealed partial class DashboardSiteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheSite_HoldsThePagesTheAnalysisAndOneChunkPerRangeWithAUsedFeature()
    {
        string site = Path.Combine(_dir, "site");

        FeatureDashboard.Generate(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), null, site, new DashboardOptions { Top = 3, FeaturesPerChunk = 1 }, "tiny");

        string[] files = Directory.GetFiles(site, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(site, f)).Order(StringComparer.Ordinal).ToArray();
        // Features 2 and 3 are dead: their ranges get no chunk.
        Assert.Equal(
            ["analysis.json", "app.js", "data/features-0000.js", "data/features-0001.js", "data/index.js", "data/texts.js", "data/vectors.js", "index.html", "style.css"],
            files);
    }

    [Fact]
    public void TheIndex_ListsTheUsedFeaturesAndCountsTheDeadOnes()
    {
        string site = Path.Combine(_dir, "site");
        FeatureDashboard.Generate(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), null, site, DashboardOptions.Default, "tiny");

        using JsonDocument index = Payload(Path.Combine(site, "data", "index.js"), "index");

        JsonElement root = index.RootElement;
        Assert.Equal((2, 2, 4), (root.GetProperty("used").GetInt32(), root.GetProperty("dead").GetInt32(), root.GetProperty("features").GetInt32()));
        Assert.Equal([0, 1], root.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt32()));
        Assert.Equal("a", root.GetProperty("rows")[0][6].GetString());
    }

    [Fact]
    public void TheCards_AreTheProfilesOfAnalysisJson()
    {
        string site = Path.Combine(_dir, "site");
        FeatureAnalysis analysis = FeatureDashboard.Generate(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), null, site, new DashboardOptions { Top = 3 }, "tiny");

        using JsonDocument chunk = Payload(Path.Combine(site, "data", "features-0000.js"), "chunk");
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, DashboardSite.AnalysisFileName)));

        JsonElement card = chunk.RootElement.GetProperty("features")[0];
        JsonElement top = written.RootElement.GetProperty("top_features")[0];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(top.GetRawText()), JsonNode.Parse(card.GetRawText())));
        Assert.Equal(analysis.Features[0].Detail!.Top.Count, card.GetProperty("detail").GetProperty("top").GetArrayLength());
    }

    [Fact]
    public void TheSite_LoadsNothingFromTheNetwork()
    {
        string site = Path.Combine(_dir, "site");
        FeatureDashboard.Generate(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), null, site, DashboardOptions.Default, "tiny");

        foreach (string asset in SiteAssets.Names)
        {
            string text = File.ReadAllText(Path.Combine(site, asset));
            Assert.DoesNotMatch(RemoteReference(), text);
        }
    }

    [Fact]
    public void ABadOption_IsAUserErrorAndWritesNothing()
    {
        string site = Path.Combine(_dir, "site");

        var error = Assert.Throws<SaeLabException>(() => FeatureDashboard.Generate(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), null, site, new DashboardOptions { Top = 0 }, "tiny"));

        Assert.Contains("--top must be ≥ 1", error.Message);
        Assert.False(Directory.Exists(site));
    }

    /// <summary>The JSON a data script hands to saeDashboard.receive under <paramref name="name"/>.</summary>
    internal static JsonDocument Payload(string path, string name)
    {
        string script = File.ReadAllText(path);
        string prefix = $"{DashboardScript.Receiver}(\"{name}\", ";
        Assert.StartsWith(prefix, script);
        Assert.EndsWith(");\n", script);
        return JsonDocument.Parse(script[prefix.Length..^3]);
    }

    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteReference();
}
