using SaeLab.Sae;
using SaeLab.Tests.Architectures;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Supervised;

public sealed class SupervisedTrainingStepTests
{
    private const int D = 5, M = 7, C = 3, Batch = 4;
    private const double L1 = 0.1, Weight = 0.7;
    private static readonly int[] Labels = [0, 2, 1, 2];

    public static TheoryData<TrainingPath, bool> PathsAndForms() => new()
    {
        { TrainingPath.Dense, false }, { TrainingPath.Sparse, false }, { TrainingPath.Dense, true }, { TrainingPath.Sparse, true },
    };

    [Theory]
    [MemberData(nameof(PathsAndForms))]
    public void Relu_GradientsMatchCentralFiniteDifferencesOfADoublePrecisionLoss_ForEveryParameterAndTheHead(TrainingPath path, bool saeLensForm)
    {
        var (sae, head, x) = Model(seed: 7);
        sae.ApplyBDecToInput = saeLensForm;
        var step = new ReluSaeTrainingStep(sae, L1, learningRate: 1e-3, batchCapacity: Batch, sumOverDimensions: saeLensForm);
        var headLoss = new HeadLoss(head, Weight, Batch, step.Compute);
        step.CodeLoss = headLoss;
        Labels.CopyTo(headLoss.ClassesOfNextBatch(Labels.Length));
        x.CopyTo(step.Workspace.Inputs, 0);
        double Loss() => DoubleLoss(sae, head, x, sumOverDimensions: saeLensForm);

        BatchLoss loss = step.ComputeGradients(Batch, path);

        Assert.Equal(Loss(), loss.Loss + (Weight * headLoss.LastCrossEntropy), 1e-5);
        float[][] parameters = [sae.WEnc, sae.BEnc, sae.WDec, sae.BDec, head.W, head.B];
        float[][] gradients = [step.Workspace.GradWEnc, step.Workspace.GradBEnc, step.Workspace.GradWDec, step.Workspace.GradBDec, headLoss.GradW, headLoss.GradB];
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                Assert.Equal(DoubleSae.FiniteDifference(Loss, parameters[p], i), gradients[p][i], 2e-5);
            }
        }
    }

    [Fact]
    public void ZeroWeight_GivesTheReluSaeStepsGradients()
    {
        var (sae, head, x) = Model(seed: 11);
        var supervised = new ReluSaeTrainingStep(sae, L1, learningRate: 1e-3, batchCapacity: Batch);
        var headLoss = new HeadLoss(head, weight: 0, Batch, supervised.Compute);
        supervised.CodeLoss = headLoss;
        Labels.CopyTo(headLoss.ClassesOfNextBatch(Labels.Length));
        var plain = new ReluSaeTrainingStep(sae, L1, learningRate: 1e-3, batchCapacity: Batch);
        x.CopyTo(supervised.Workspace.Inputs, 0);
        x.CopyTo(plain.Workspace.Inputs, 0);

        BatchLoss loss = supervised.ComputeGradients(Batch);
        BatchLoss expected = plain.ComputeGradients(Batch);

        Assert.Equal(expected, loss);
        Assert.Equal(plain.Workspace.GradWEnc, supervised.Workspace.GradWEnc);
        Assert.Equal(plain.Workspace.GradBEnc, supervised.Workspace.GradBEnc);
        Assert.All(headLoss.GradW, g => Assert.Equal(0f, g));
    }

    public static TheoryData<string, TrainingPath> DictionaryArchitecturesAndPaths()
    {
        var cases = new TheoryData<string, TrainingPath>();
        foreach (SaeArchitecture architecture in SaeArchitectures.All.Where(a => !a.IsSeedRelu))
        {
            cases.Add(architecture.Name, TrainingPath.Dense);
            cases.Add(architecture.Name, TrainingPath.Sparse);
        }

        return cases;
    }

    /// <summary>
    /// A code loss adds its term's gradient and nothing else: with the linear code loss L_c = Σ G ⊙ z (a fixed G, so
    /// dL_c/dz = G), each parameter's gradient with it minus the gradient without it is the finite difference of
    /// Σ G ⊙ z(θ), z from the architecture's double-precision codes (JumpReLU's threshold, whose gradient is
    /// straight-through, is left to its own test).
    /// </summary>
    [Theory]
    [MemberData(nameof(DictionaryArchitecturesAndPaths))]
    public void EveryArchitecture_ACodeLossAddsExactlyItsGradient_OnBothPaths(string architecture, TrainingPath path)
    {
        var config = new SaeTrainingConfig { Features = M, K = 2, L1 = L1, DeadTokens = 1, AuxKCoefficient = 0.5 }.ForArchitecture(architecture);
        var (plain, x) = RandomStep(config);
        var (supervised, _) = RandomStep(config);
        float[] g = [.. Enumerable.Range(0, Batch * M).Select(i => (float)Math.Sin(i + 1))];
        supervised.CodeLoss = new FixedCodeLoss(g);
        plain.ForcedPath = supervised.ForcedPath = path;

        plain.ComputeGradients(Batch);
        supervised.ComputeGradients(Batch);

        double CodeLoss() => Codes(supervised, x).Select((z, i) => z * g[i]).Sum();
        float[][] differences = [.. supervised.Gradients.Select((gradient, p) => gradient.Select((v, i) => v - plain.Gradients[p][i]).ToArray())];
        int checkedParameters = architecture == JumpReluTrainingStep.Name ? 4 : supervised.Parameters.Length;
        DoubleSae.AssertGradients(supervised.Parameters, differences, CodeLoss, Enumerable.Range(0, checkedParameters), tolerance: 1e-4);
        Assert.Contains(differences[0], v => v != 0);
    }

    /// <summary>A step of <paramref name="config"/> with every bias random and a random batch in its inputs (the same for the same config).</summary>
    private static (DictionaryTrainingStep Step, float[] X) RandomStep(SaeTrainingConfig config)
    {
        var random = new Random(5);
        var step = (DictionaryTrainingStep)SaeArchitectures.Create(config, D, M, Batch, random);
        foreach (float[] parameter in step.Parameters.Skip(2).Where(p => step is not JumpReluTrainingStep jump || p != jump.LogThreshold))
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                parameter[i] = (float)(0.2 * (random.NextDouble() - 0.5));
            }
        }

        float[] x = [.. Enumerable.Range(0, Batch * D).Select(_ => (float)(2 * random.NextDouble() - 1))];
        x.CopyTo(step.Inputs, 0);
        return (step, x);
    }

    /// <summary>The codes [Batch, M] of <paramref name="step"/>'s architecture at its current weights, in double.</summary>
    private static double[] Codes(DictionaryTrainingStep step, float[] x)
    {
        switch (step)
        {
            case JumpReluTrainingStep:
                var jump = (JumpReluSae)step.Model;
                return [.. DoubleSae.Pre(jump, x, Batch, jump.BEnc).Select((p, i) => p > jump.Threshold[i % M] ? p : 0)];
            case GatedTrainingStep:
                var gated = (GatedSae)step.Model;
                return [.. DoubleSae.Pre(gated, x, Batch, null).Select((p, i) => p + gated.BGate[i % M] > 0 ? Math.Max(p * Math.Exp(gated.RMag[i % M]) + gated.BMag[i % M], 0) : 0)];
            default:
                double[] pre = DoubleSae.Pre(step.Model, x, Batch, step.Parameters[3]);
                return step is TopKTrainingStep ? DoubleSae.PerRowTopK(pre, Batch, 2) : DoubleSae.BatchTopK(pre, Batch, 2);
        }
    }

    /// <summary>L = Σ G ⊙ z: dL/dz is G whatever the codes.</summary>
    private sealed class FixedCodeLoss(float[] gradient) : ICodeLoss
    {
        public ReadOnlySpan<float> Backward(ReadOnlySpan<float> codes, int batch) => gradient.AsSpan(0, codes.Length);
    }

    private static (ReluSae Sae, LinearHead Head, float[] X) Model(int seed)
    {
        var random = new Random(seed);
        var sae = new ReluSae(D, M);
        PyTorchLinearInit.Initialize(sae, random);
        var head = new LinearHead(M, ["a", "b", "c"]);
        head.Initialize(random);

        // Larger head weights make the cross-entropy gradient comparable to the SAE's, so the check sees it.
        for (int i = 0; i < head.W.Length; i++)
        {
            head.W[i] *= 4;
        }

        float[] x = [.. Enumerable.Range(0, Batch * D).Select(_ => (float)(2 * random.NextDouble() - 1))];
        return (sae, head, x);
    }

    /// <summary>
    /// MSE (or the per-vector squared error, <paramref name="sumOverDimensions"/>) + l1 · mean Σ z + λ · mean cross-entropy,
    /// with naive loops in double: the oracle for the gradients.
    /// </summary>
    private static double DoubleLoss(ReluSae sae, LinearHead head, float[] x, bool sumOverDimensions)
    {
        double squares = 0, l1 = 0, crossEntropy = 0;
        for (int b = 0; b < Batch; b++)
        {
            (double[] z, double squaredError) = ReluSaeDoubleOracle.Forward(sae, x, b);
            squares += squaredError;
            l1 += z.Sum();
            var logits = new double[C];
            for (int c = 0; c < C; c++)
            {
                logits[c] = head.B[c];
                for (int f = 0; f < M; f++)
                {
                    logits[c] += z[f] * head.W[f * C + c];
                }
            }

            crossEntropy += Math.Log(logits.Sum(Math.Exp)) - logits[Labels[b]];
        }

        return squares / (sumOverDimensions ? Batch : Batch * D) + L1 * l1 / Batch + Weight * crossEntropy / Batch;
    }
}
