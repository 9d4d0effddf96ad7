using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training;
using SaeLab.Training.Architectures;

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
        foreach (string architecture in new[] { TopKTrainingStep.Name, BatchTopKTrainingStep.Name, MatryoshkaTrainingStep.Name, JumpReluTrainingStep.Name, GatedTrainingStep.Name })
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
        var step = (DictionaryTrainingStep)SaeTrainingArchitectures.Create(Config(architecture, m, fixture), d, m, batches.Max(b => b.Length), new Random(0));
        step.ForcedPath = path;
        string[] order = [.. fixture["parameter_order"]!.AsArray().Select(name => (string)name!)];
        SetParameters(step, order, fixture["initial"]!.AsObject());

        foreach (var (rows, expected) in batches.Zip(fixture["steps"]!.AsArray()))
        {
            BatchLoss loss = step.Step(x, rows);

            Assert.Equal((double)expected!["reconstruction"]!, loss.Reconstruction, Tolerance);
            Assert.Equal((double)expected["sparsity"]!, loss.Sparsity, Tolerance);
            Assert.Equal((long)expected["active_codes"]!, loss.ActiveCodes);
            for (int p = 0; p < order.Length; p++)
            {
                float[] want = Floats(expected["parameters"]![order[p]]!);
                for (int i = 0; i < want.Length; i++)
                {
                    Assert.True(Math.Abs(want[i] - step.Parameters[p][i]) <= Tolerance, $"{order[p]}[{i}] after {rows.Length}-row step: torch {want[i]}, SaeLab {step.Parameters[p][i]}");
                }
            }
        }

        Assert.True(step.Model.ApplyBDecToInput);
    }

    private static SaeTrainingConfig Config(string architecture, int m, JsonObject fixture)
    {
        SaeTrainingConfig config = fixture["config"].Deserialize<SaeTrainingConfig>(JsonFiles.Options)!;
        return config with { Architecture = architecture, Features = m, LearningRate = (double)fixture["learning_rate"]! };
    }

    // The fixture's parameters in SaeLab's order (W_enc, W_dec, b_dec, then the architecture's own), and JumpReLU's θ from log θ.
    private static void SetParameters(DictionaryTrainingStep step, string[] order, JsonObject values)
    {
        for (int p = 0; p < order.Length; p++)
        {
            Floats(values[order[p]]!).CopyTo(step.Parameters[p], 0);
        }

        if (step.Model is JumpReluSae jump && step is JumpReluTrainingStep jumpStep)
        {
            for (int f = 0; f < jump.DSae; f++)
            {
                jump.Threshold[f] = MathF.Exp(jumpStep.LogThreshold[f]);
            }
        }
    }

    private static float[] Floats(JsonNode node) => [.. node.AsArray().Select(v => (float)(double)v!)];
}
