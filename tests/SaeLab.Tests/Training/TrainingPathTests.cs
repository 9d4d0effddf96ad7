using SaeLab.Sae;
using SaeLab.Training;
using SaeLab.Training.Architectures;
using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Training;

/// <summary>The sparse path of the training step against the dense one (its oracle), and the choice between them.</summary>
public sealed class TrainingPathTests
{
    // d = 37 covers a full vector of rows plus a scalar tail in the encoder-gradient tile; m = 300 spans two Adam column tiles.
    private const int D = 37, M = 300, Batch = 24;
    private const double L1 = 0.05, LearningRate = 1e-3;

    [Theory]
    [InlineData(0f, false)]
    [InlineData(-0.4f, false)]
    [InlineData(0f, true)]
    [InlineData(-0.4f, true)]
    public void SparseGradients_MatchTheDenseOnes(float encoderBiasShift, bool weightL1ByDecoderNorm)
    {
        var (sae, values) = Problem(seed: 1, encoderBiasShift);
        var step = new ReluSaeTrainingStep(sae, L1, LearningRate, Batch, weightL1ByDecoderNorm);
        values.AsSpan(0, Batch * D).CopyTo(step.Workspace.Inputs);

        BatchLoss dense = step.ComputeGradients(Batch, TrainingPath.Dense);
        float[][] expected = Gradients(step.Workspace);
        BatchLoss sparse = step.ComputeGradients(Batch, TrainingPath.Sparse);
        float[][] actual = Gradients(step.Workspace);

        Assert.Equal(dense.ActiveCodes, sparse.ActiveCodes);
        Assert.Equal(dense.Reconstruction, sparse.Reconstruction, 1e-6 * dense.Reconstruction);
        Assert.Equal(dense.Sparsity, sparse.Sparsity, 1e-6 * dense.Sparsity);
        for (int p = 0; p < expected.Length; p++)
        {
            AssertClose(expected[p], actual[p], 1e-6f);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SparseAndDenseSteps_GiveTheSameLossesAndWeights(bool weightL1ByDecoderNorm)
    {
        var (denseSae, values) = Problem(seed: 2, encoderBiasShift: -0.3f);
        var (sparseSae, _) = Problem(seed: 2, encoderBiasShift: -0.3f);
        var dense = new ReluSaeTrainingStep(denseSae, L1, LearningRate, Batch, weightL1ByDecoderNorm) { ForcedPath = TrainingPath.Dense };
        var sparse = new ReluSaeTrainingStep(sparseSae, L1, LearningRate, Batch, weightL1ByDecoderNorm) { ForcedPath = TrainingPath.Sparse };
        int[] order = [.. Enumerable.Range(0, values.Length / D)];

        for (int s = 0; s < 6; s++)
        {
            ReadOnlySpan<int> rows = order.AsSpan(s * 10 % (order.Length - Batch), s == 5 ? 7 : Batch);
            BatchLoss expected = dense.Step(values, rows);
            BatchLoss actual = sparse.Step(values, rows);

            Assert.Equal(expected.Loss, actual.Loss, 1e-5 * expected.Loss);
            Assert.Equal(expected.Sparsity, actual.Sparsity, 1e-5 * expected.Sparsity);
            Assert.Equal(expected.ActiveCodes, actual.ActiveCodes);
        }

        Assert.Equal(TrainingPath.Sparse, sparse.LastPath);
        AssertClose(denseSae.WEnc, sparseSae.WEnc, 1e-5f);
        AssertClose(denseSae.BEnc, sparseSae.BEnc, 1e-5f);
        AssertClose(denseSae.WDec, sparseSae.WDec, 1e-5f);
        AssertClose(denseSae.BDec, sparseSae.BDec, 1e-5f);
    }

    [Fact]
    public void SparseSteps_AreBitReproducible()
    {
        float[] first = TrainSparse(), second = TrainSparse();
        Assert.Equal(first, second);

        static float[] TrainSparse()
        {
            var (sae, values) = Problem(seed: 5, encoderBiasShift: -0.3f);
            var step = new ReluSaeTrainingStep(sae, L1, LearningRate, Batch) { ForcedPath = TrainingPath.Sparse };
            for (int s = 0; s < 3; s++)
            {
                step.Step(values, [.. Enumerable.Range(s, Batch)]);
            }

            return [.. sae.WEnc, .. sae.BEnc, .. sae.WDec, .. sae.BDec];
        }
    }

    [Theory]
    [InlineData(1f, TrainingPath.Dense)]
    [InlineData(-0.5f, TrainingPath.Sparse)]
    public void CostModel_PicksDenseForDenseCodesAndSparseForSparseOnes(float encoderBiasShift, TrainingPath expected)
    {
        var (sae, values) = Problem(seed: 3, encoderBiasShift);
        var step = new ReluSaeTrainingStep(sae, L1, LearningRate, Batch);

        BatchLoss loss = step.Step(values, [.. Enumerable.Range(0, Batch)]);

        Assert.Equal(expected, step.LastPath);
        Assert.Equal(expected, TrainingPathCostModel.Choose(loss.ActiveCodes, Batch, M));
    }

    [Fact]
    public void CostModel_SwitchesAtItsDensityThreshold()
    {
        long threshold = (long)(TrainingPathCostModel.SparseBelowDensity * 256 * 8192);
        Assert.Equal(TrainingPath.Sparse, TrainingPathCostModel.Choose(0, 256, 8192));
        Assert.Equal(TrainingPath.Sparse, TrainingPathCostModel.Choose(threshold, 256, 8192));
        Assert.Equal(TrainingPath.Dense, TrainingPathCostModel.Choose(threshold + 1, 256, 8192));
    }

    [Theory]
    [InlineData(TrainingPath.Dense, false)]
    [InlineData(TrainingPath.Sparse, false)]
    [InlineData(TrainingPath.Dense, true)]
    [InlineData(TrainingPath.Sparse, true)]
    public void Step_AllocatesNothingOnceWarm(TrainingPath path, bool weightL1ByDecoderNorm)
    {
        var (sae, values) = Problem(seed: 4, encoderBiasShift: -0.3f);
        var step = new ReluSaeTrainingStep(sae, L1, LearningRate, Batch, weightL1ByDecoderNorm) { ForcedPath = path };
        int[] full = [.. Enumerable.Range(0, Batch)], partial = [3, 9];
        step.Step(values, full);

        long before = GC.GetAllocatedBytesForCurrentThread();
        step.Step(values, full);
        step.Step(values, partial);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    /// <summary>An initialised SAE with b_enc shifted (negative: sparser codes) and 40 random vectors.</summary>
    private static (ReluSae Sae, float[] Values) Problem(int seed, float encoderBiasShift)
    {
        var random = new Random(seed);
        var sae = new ReluSae(D, M);
        PyTorchLinearInit.Initialize(sae, random);
        for (int f = 0; f < M; f++)
        {
            sae.BEnc[f] += encoderBiasShift;
        }

        float[] values = [.. Enumerable.Range(0, 40 * D).Select(_ => (float)(2 * random.NextDouble() - 1))];
        return (sae, values);
    }

    private static float[][] Gradients(TrainingWorkspace workspace) =>
        [[.. workspace.GradWEnc], [.. workspace.GradBEnc], [.. workspace.GradWDec], [.. workspace.GradBDec]];

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
