using SaeLab.Data;
using SaeLab.Probing;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Jobs;
using SaeLab.Reports;
using SaeLab.Statistics;
using SaeLab.Synthetic;

namespace SaeLab.Tests.Probing.Jobs;

public sealed class ProbeJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-probe-job-").FullName;
    private readonly string _data;

    public ProbeJobTests()
    {
        ActivationSet set = SyntheticActivationGenerator.Generate(
            new SyntheticConfig { Problems = 30, Dim = 16, TrueFeatures = 48, ActivePerVector = 5, Seed = 1 }).Set;
        _data = Path.Combine(_dir, "acts.safetensors");
        ActivationWriter.Write(set, _data);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> MixedModes => new()
    {
        { "grid+sae", "--grid probes raw activations at every token and layer; it takes neither --sae nor --aggregate" },
        { "no aggregation", "--aggregate is required (or use --grid)" },
        { "cv+hybrid", "--grid, --cv, --k-sparse and --hybrid are separate modes; give at most one" },
        { "negative seed", "--negative-seed applies only to --k-sparse-protocol saebench" },
        { "hybrid without sae", "--hybrid needs --sae" },
    };

    [Theory]
    [MemberData(nameof(MixedModes))]
    public void Validate_RefusesModesThatDoNotFit(string job, string message)
    {
        ProbeJob probe = job switch
        {
            "grid+sae" => Job() with { Grid = true, Aggregation = null, Sae = "sae" },
            "no aggregation" => Job() with { Aggregation = null },
            "cv+hybrid" => Job() with { CrossValidation = new CrossValidationConfig(), HybridFeatures = 4, Sae = "sae" },
            "negative seed" => Job() with { NegativeSeed = 3 },
            _ => Job() with { HybridFeatures = 4 },
        };

        var error = Assert.Throws<SaeLabException>(probe.Validate);

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Run_ChoosesItsMode_AndWritesItsJson()
    {
        string json = Path.Combine(_dir, "cv.json");

        ProbeJobResult single = Job().Run();
        ProbeJobResult cv = (Job() with { CrossValidation = new CrossValidationConfig { Folds = 3, Repeats = 1 }, Out = json }).Run();

        Assert.Equal(ProbeMode.Single, single.Mode);
        Assert.Equal(Prober.Run(ActivationLoader.Load(_data), new ProbeConfig { Aggregation = AggregationSpec.Mean }).Metrics.Accuracy, single.Single!.Metrics.Accuracy);
        Assert.StartsWith("raw mean: accuracy", ProbeJobReport.Text(single));
        Assert.Equal(ProbeMode.CrossValidated, cv.Mode);
        Assert.Same(cv.CrossValidated, cv.Value);
        Assert.Contains("\"folds\": 3", File.ReadAllText(json));
    }

    [Fact]
    public void AComparisonJob_PairsTwoProbesResults_AndWritesItsJson()
    {
        string raw = Path.Combine(_dir, "raw.json"), token = Path.Combine(_dir, "token.json"), json = Path.Combine(_dir, "cmp.json");
        (Job() with { Out = raw }).Run();
        (Job() with { Aggregation = AggregationSpec.Parse("token:1@layer:8"), Out = token }).Run();

        PairedComparison comparison = new ComparisonJob { First = raw, Second = token, Out = json }.Run();

        Assert.Equal(6, comparison.Items);
        Assert.StartsWith("raw mean vs raw token:1@layer:8", ProbeReport.Text(comparison));
        Assert.Contains("\"mcnemar\"", File.ReadAllText(json));
    }

    [Fact]
    public void AComparisonJob_RefusesNoResamples_BeforeReading()
    {
        var job = new ComparisonJob { First = "no-such-a.json", Second = "no-such-b.json", Options = new ComparisonOptions { Resamples = 0 } };

        var error = Assert.ThrowsAny<SaeLabException>(() => job.Run());

        Assert.Equal("--resamples must be at least 1 (got 0)", error.Message);
    }

    private ProbeJob Job() => new() { Data = _data, Aggregation = AggregationSpec.Mean };
}
