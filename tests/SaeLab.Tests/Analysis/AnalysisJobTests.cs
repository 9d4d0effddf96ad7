using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Analysis;

public sealed class AnalysisJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-analysis-job-").FullName;
    private readonly string _sae;
    private readonly string _data;

    public AnalysisJobTests()
    {
        _sae = Path.Combine(_dir, "sae");
        SaeCheckpoint.Save(_sae, TinySae.SplitSigns(2));
        _data = Path.Combine(_dir, "grid.safetensors");
        ActivationWriter.Write(FeatureAnalyzerTests.Grid(), _data);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_ProfilesTheFeatures_AndWritesItsJson()
    {
        string json = Path.Combine(_dir, "analysis.json");
        var options = new AnalysisOptions { Top = 5, Permutations = 0 };

        FeatureAnalysis analysis = (Job() with { Options = options, Out = json }).Run();

        FeatureAnalysis expected = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), options);
        Assert.Equal(2, analysis.LabelSelectiveFeatures);
        Assert.Equal(expected.Features.Select(f => f.Usage), analysis.Features.Select(f => f.Usage));
        Assert.Contains("\"label_selective_features\": 2", File.ReadAllText(json));
    }

    [Fact]
    public void Run_RefusesABadOption_BeforeLoadingAnything()
    {
        AnalysisJob job = Job() with { Sae = "no-such-sae", Options = new AnalysisOptions { MinUsage = 0 } };

        var error = Assert.ThrowsAny<SaeLabException>(() => job.Run());

        Assert.Contains("--min-usage must be ≥ 1, got 0", error.Message);
    }

    private AnalysisJob Job() => new() { Sae = _sae, Data = _data };
}
