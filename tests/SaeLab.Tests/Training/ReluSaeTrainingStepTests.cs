using SaeLab.Sae;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Training;

public sealed class ReluSaeTrainingStepTests
{
    private const int D = 5, M = 7, Batch = 3;
    private const double L1 = 0.1;

    [Theory]
    [InlineData(false, TrainingPath.Dense)]
    [InlineData(false, TrainingPath.Sparse)]
    [InlineData(true, TrainingPath.Dense)]
    [InlineData(true, TrainingPath.Sparse)]
    public void Gradients_MatchCentralFiniteDifferencesOfADoublePrecisionLoss(bool weightL1ByDecoderNorm, TrainingPath path)
    {
        var random = new Random(7);
        var sae = new ReluSae(D, M);
        PyTorchLinearInit.Initialize(sae, random);
        float[] x = [.. Enumerable.Range(0, Batch * D).Select(_ => (float)(2 * random.NextDouble() - 1))];
        var step = new ReluSaeTrainingStep(sae, L1, learningRate: 1e-3, batchCapacity: Batch, weightL1ByDecoderNorm);
        x.CopyTo(step.Workspace.Inputs, 0);

        BatchLoss loss = step.ComputeGradients(Batch, path);

        Assert.Equal(DoubleLoss(sae, x, weightL1ByDecoderNorm), loss.Loss, 1e-6);
        float[][] parameters = [sae.WEnc, sae.BEnc, sae.WDec, sae.BDec];
        float[][] gradients = [step.Workspace.GradWEnc, step.Workspace.GradBEnc, step.Workspace.GradWDec, step.Workspace.GradBDec];
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < parameters[p].Length; i++)
            {
                Assert.Equal(FiniteDifference(sae, x, weightL1ByDecoderNorm, parameters[p], i), gradients[p][i], 2e-5);
            }
        }
    }

    [Fact]
    public void Steps_MatchPyTorchAdamOnTheSeedsLoss()
    {
        var fixture = TrainingFixture.Load();
        var sae = new ReluSae(fixture.DIn, fixture.DSae);
        fixture.Initial.CopyInto(sae);
        var step = new ReluSaeTrainingStep(sae, fixture.L1, fixture.LearningRate, batchCapacity: fixture.Batches.Max(b => b.Length));

        foreach (var (rows, expected) in fixture.Batches.Zip(fixture.Steps))
        {
            BatchLoss loss = step.Step(fixture.X, rows);

            AssertLossAndGradients(expected, loss, step.Workspace);
            AssertParameters(expected, sae);
        }
    }

    /// <summary>
    /// Each batch's loss and gradients (written out in full by <see cref="ReluSaeTrainingStep.ComputeGradients"/>, the
    /// decoder rows' terms included) and the weights after each Adam step, against PyTorch.
    /// </summary>
    [Theory]
    [InlineData(TrainingPath.Dense)]
    [InlineData(TrainingPath.Sparse)]
    public void Steps_MatchPyTorchAdamWithTheL1WeightedByDecoderNorms(TrainingPath path)
    {
        var fixture = TrainingFixture.Load("relu_sae_decoder_norm_l1_adam_steps.json");
        var sae = new ReluSae(fixture.DIn, fixture.DSae);
        fixture.Initial.CopyInto(sae);
        var step = new ReluSaeTrainingStep(
            sae, fixture.L1, fixture.LearningRate, batchCapacity: fixture.Batches.Max(b => b.Length), weightL1ByDecoderNorm: true)
        { ForcedPath = path };

        foreach (var (rows, expected) in fixture.Batches.Zip(fixture.Steps))
        {
            for (int r = 0; r < rows.Length; r++)
            {
                fixture.X.AsSpan(rows[r] * fixture.DIn, fixture.DIn).CopyTo(step.Workspace.Inputs.AsSpan(r * fixture.DIn));
            }

            AssertLossAndGradients(expected, step.ComputeGradients(rows.Length, path), step.Workspace);
            AssertLossAndGradients(expected, step.Step(fixture.X, rows), gradients: null);
            AssertParameters(expected, sae);
        }
    }

    /// <summary>The loss and, unless <paramref name="gradients"/> is null, the gradients in it against PyTorch's.</summary>
    private static void AssertLossAndGradients(TrainingFixture.AdamStep expected, BatchLoss loss, TrainingWorkspace? gradients)
    {
        Assert.Equal(expected.Loss, loss.Loss, 1e-6);
        Assert.Equal(expected.Reconstruction, loss.Reconstruction, 1e-6);
        Assert.Equal(expected.Sparsity, loss.Sparsity, 1e-6);
        Assert.Equal(expected.ActiveCodes, loss.ActiveCodes);
        if (gradients is not null)
        {
            AssertClose(expected.Gradients.WEnc, gradients.GradWEnc);
            AssertClose(expected.Gradients.BEnc, gradients.GradBEnc);
            AssertClose(expected.Gradients.WDec, gradients.GradWDec);
            AssertClose(expected.Gradients.BDec, gradients.GradBDec);
        }
    }

    private static void AssertParameters(TrainingFixture.AdamStep expected, ReluSae sae)
    {
        AssertClose(expected.Parameters.WEnc, sae.WEnc);
        AssertClose(expected.Parameters.BEnc, sae.BEnc);
        AssertClose(expected.Parameters.WDec, sae.WDec);
        AssertClose(expected.Parameters.BDec, sae.BDec);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    /// <summary>Central difference of <see cref="DoubleLoss"/> in parameter value i, computed in double.</summary>
    private static double FiniteDifference(ReluSae sae, float[] x, bool weightL1ByDecoderNorm, float[] parameter, int i)
    {
        const double H = 1e-3;
        float saved = parameter[i];
        parameter[i] = (float)(saved + H);
        double plus = DoubleLoss(sae, x, weightL1ByDecoderNorm);
        double actualPlus = parameter[i] - saved;
        parameter[i] = (float)(saved - H);
        double minus = DoubleLoss(sae, x, weightL1ByDecoderNorm);
        double actualMinus = saved - parameter[i];
        parameter[i] = saved;
        return (plus - minus) / (actualPlus + actualMinus);
    }

    /// <summary>The seed's loss (its L1 weighted by decoder row norms or not) with naive loops in double: the independent oracle for the gradients.</summary>
    private static double DoubleLoss(ReluSae sae, float[] x, bool weightL1ByDecoderNorm)
    {
        double[] weights = ReluSaeDoubleOracle.L1Weights(sae, weightL1ByDecoderNorm);
        double squares = 0, l1 = 0;
        for (int b = 0; b < Batch; b++)
        {
            (double[] z, double squaredError) = ReluSaeDoubleOracle.Forward(sae, x, b);
            squares += squaredError;
            l1 += z.Select((code, f) => code * weights[f]).Sum();
        }

        return squares / (Batch * D) + L1 * l1 / Batch;
    }
}
