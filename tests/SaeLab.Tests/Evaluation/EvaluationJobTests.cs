using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.Sae;
using SaeLab.Tests.Data;

namespace SaeLab.Tests.Evaluation;

public sealed class EvaluationJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-evaluation-job-").FullName;
    private readonly string _sae;
    private readonly string _data;

    public EvaluationJobTests()
    {
        _sae = Path.Combine(_dir, "sae");
        SaeCheckpoint.Save(_sae, TinySae.SplitSigns(2, scale: 0.5f));
        _data = Path.Combine(_dir, "pairs.safetensors");
        ActivationWriter.Write(ProblemSplitVectorsTests.TwoVectorsPerProblem(), _data);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_MeasuresTheSubsetsVectors_AndWritesItsJson()
    {
        string json = Path.Combine(_dir, "eval.json");
        var subset = new ProblemSubset(new ProblemSplitConfig(), SplitPart.Test);

        EvaluationResult result = (Job() with { Subset = subset, Out = json }).Run();

        EvaluationResult expected = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2, scale: 0.5f), subset.Of(ProblemSplitVectorsTests.TwoVectorsPerProblem()));
        Assert.Equal(4, result.Metrics.Vectors);
        Assert.Equal(expected.Metrics, result.Metrics);
        Assert.Contains("test problems of the split: 2 of 10 problems", result.Data);
        Assert.Contains("\"explained_variance\"", File.ReadAllText(json));
    }

    [Theory]
    [InlineData("batch size", "batch size (--batch-size) must be ≥ 1, got 0")]
    [InlineData("test size", "--test-size must be a fraction between 0 and 1 exclusive (got 1)")]
    public void Run_RefusesABadOption_BeforeLoadingAnything(string option, string message)
    {
        EvaluationJob job = option == "batch size"
            ? Job() with { Sae = "no-such-sae", Options = EvaluationOptions.Default with { BatchSize = 0 } }
            : Job() with { Sae = "no-such-sae", Subset = new ProblemSubset(new ProblemSplitConfig { TestSize = 1 }, SplitPart.Test) };

        var error = Assert.ThrowsAny<SaeLabException>(() => job.Run());

        Assert.Equal(message, error.Message);
    }

    private EvaluationJob Job() => new() { Sae = _sae, Data = _data };
}
