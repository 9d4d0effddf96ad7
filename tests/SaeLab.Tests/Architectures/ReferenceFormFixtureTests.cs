using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Architectures;

/// <summary>
/// Each dictionary architecture, trained in its default (the references') form, against three Adam steps of PyTorch's
/// autograd on the references' losses (Fixtures/architectures, written by tests/fixtures-src/make_architecture_fixtures.py).
/// </summary>
public sealed class ReferenceFormFixtureTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string, TrainingPath> Cases()
    {
        var cases = new TheoryData<string, TrainingPath>();
        foreach (string architecture in SaeArchitectures.All.Select(a => a.Name))
        {
            cases.Add(architecture, TrainingPath.Dense);
            cases.Add(architecture, TrainingPath.Sparse);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThreeAdamSteps_MatchPyTorch(string architecture, TrainingPath path)
    {
        JsonObject fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "architectures", $"{architecture}_adam_steps.json")))!.AsObject();
        int d = (int)fixture["d_in"]!, m = (int)fixture["d_sae"]!;
        float[] x = Floats(fixture["x"]!);
        int[][] batches = [.. fixture["batches"]!.AsArray().Select(batch => batch!.AsArray().Select(row => (int)row!).ToArray())];
        ISaeTrainingStep step = Create(Config(architecture, m, fixture), d, m, batches.Max(b => b.Length), path);
        Dictionary<string, float[]> parameters = Parameters(step, [.. fixture["parameter_order"]!.AsArray().Select(name => (string)name!)]);
        foreach (var (name, values) in parameters)
        {
            Floats(fixture["initial"]![name]!).CopyTo(values, 0);
        }

        if (step is JumpReluTrainingStep jump)
        {
            float[] threshold = ((JumpReluSae)jump.Model).Threshold;
            for (int f = 0; f < m; f++)
            {
                threshold[f] = MathF.Exp(jump.LogThreshold[f]);
            }
        }

        foreach (var (rows, expected) in batches.Zip(fixture["steps"]!.AsArray()))
        {
            BatchLoss loss = step.Step(x, rows);

            Assert.Equal((double)expected!["reconstruction"]!, loss.Reconstruction, Tolerance);
            Assert.Equal((double)expected["sparsity"]!, loss.Sparsity, Tolerance);
            Assert.Equal((long)expected["active_codes"]!, loss.ActiveCodes);
            foreach (var (name, values) in parameters)
            {
                float[] want = Floats(expected["parameters"]![name]!);
                for (int i = 0; i < want.Length; i++)
                {
                    Assert.True(Math.Abs(want[i] - values[i]) <= Tolerance, $"{name}[{i}] after {rows.Length}-row step: torch {want[i]}, SaeLab {values[i]}");
                }
            }
        }

        Assert.Equal(path, step.LastPath);
        Assert.True(step.Model.ApplyBDecToInput);
    }

    // relu's engine is built directly, so that the test can force its path as it does the others'.
    private static ISaeTrainingStep Create(SaeTrainingConfig config, int d, int m, int batch, TrainingPath path)
    {
        if (SaeArchitectures.IsRelu(config.Architecture))
        {
            var sae = new ReluSae(d, m) { ApplyBDecToInput = config.ResolveApplyBDecToInput() };
            return new ReluSaeTrainingStep(sae, config.L1, config.LearningRate, batch, sumOverDimensions: config.ResolveSumsOverDimensions()) { ForcedPath = path };
        }

        var step = (DictionaryTrainingStep)SaeArchitectures.Create(config, d, m, batch, new Random(0));
        step.ForcedPath = path;
        return step;
    }

    // The trained arrays by the fixture's names: a dictionary step's in its order (W_enc, W_dec, b_dec, then its own).
    private static Dictionary<string, float[]> Parameters(ISaeTrainingStep step, string[] order) => step switch
    {
        DictionaryTrainingStep dictionary => order.Zip(dictionary.Parameters).ToDictionary(pair => pair.First, pair => pair.Second),
        _ when step.Model is ReluSae relu => new() { ["w_enc"] = relu.WEnc, ["b_enc"] = relu.BEnc, ["w_dec"] = relu.WDec, ["b_dec"] = relu.BDec },
        _ => throw new ArgumentException($"no parameter names for {step.GetType().Name}"),
    };

    private static SaeTrainingConfig Config(string architecture, int m, JsonObject fixture)
    {
        SaeTrainingConfig config = fixture["config"].Deserialize<SaeTrainingConfig>(JsonFiles.Options)!;
        return config with { Architecture = architecture, Features = m, LearningRate = (double)fixture["learning_rate"]! };
    }

    private static float[] Floats(JsonNode node) => [.. node.AsArray().Select(v => (float)(double)v!)];
}
