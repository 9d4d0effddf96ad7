using SaeLab.Sae;
using SaeLab.Tests.Training;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Supervised;

public sealed class SupervisedSaeTrainingStepTests
{
    private const int D = 5, M = 7, C = 3, Batch = 4;
    private const double L1 = 0.1, Weight = 0.7;
    private static readonly int[] Labels = [0, 2, 1, 2];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gradients_MatchCentralFiniteDifferencesOfADoublePrecisionLoss_ForEveryParameterAndTheHead(bool saeLensForm)
    {
        var (sae, head, x) = Model(seed: 7);
        sae.ApplyBDecToInput = saeLensForm;
        var step = new SupervisedSaeTrainingStep(sae, head, L1, Weight, learningRate: 1e-3, batchCapacity: Batch, sumOverDimensions: saeLensForm);
        x.CopyTo(step.Workspace.Inputs, 0);
        double Loss() => DoubleLoss(sae, head, x, sumOverDimensions: saeLensForm);

        SupervisedBatchLoss loss = step.ComputeGradients(Batch, Labels);

        Assert.Equal(Loss(), loss.Loss, 1e-5);
        Assert.Equal(Weight * loss.CrossEntropy, loss.Supervision, 1e-6);
        float[][] parameters = [sae.WEnc, sae.BEnc, sae.WDec, sae.BDec, head.W, head.B];
        float[][] gradients = [step.Workspace.GradWEnc, step.Workspace.GradBEnc, step.Workspace.GradWDec, step.Workspace.GradBDec, step.GradWHead, step.GradBHead];
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                Assert.Equal(FiniteDifference(Loss, parameters[p], i), gradients[p][i], 2e-5);
            }
        }
    }

    [Fact]
    public void ZeroWeight_GivesTheReluSaeStepsGradients()
    {
        var (sae, head, x) = Model(seed: 11);
        var supervised = new SupervisedSaeTrainingStep(sae, head, L1, weight: 0, learningRate: 1e-3, batchCapacity: Batch);
        var plain = new ReluSaeTrainingStep(sae, L1, learningRate: 1e-3, batchCapacity: Batch);
        x.CopyTo(supervised.Workspace.Inputs, 0);
        x.CopyTo(plain.Workspace.Inputs, 0);

        SupervisedBatchLoss loss = supervised.ComputeGradients(Batch, Labels);
        BatchLoss expected = plain.ComputeGradients(Batch);

        Assert.Equal(expected, loss.Sae);
        Assert.Equal(plain.Workspace.GradWEnc, supervised.Workspace.GradWEnc);
        Assert.Equal(plain.Workspace.GradBEnc, supervised.Workspace.GradBEnc);
        Assert.All(supervised.GradWHead, g => Assert.Equal(0f, g));
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

    /// <summary>Central difference of <paramref name="loss"/> in parameter value i, computed in double.</summary>
    private static double FiniteDifference(Func<double> loss, float[] parameter, int i)
    {
        const double H = 1e-3;
        float saved = parameter[i];
        parameter[i] = (float)(saved + H);
        double plus = loss();
        double actualPlus = parameter[i] - saved;
        parameter[i] = (float)(saved - H);
        double minus = loss();
        double actualMinus = saved - parameter[i];
        parameter[i] = saved;
        return (plus - minus) / (actualPlus + actualMinus);
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
