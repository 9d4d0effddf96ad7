using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Tests.Training;

/// <summary>The training methods that live in <see cref="AdamOptimizer"/>: a settable learning rate, clipping, unit-norm rows, moment resets.</summary>
public sealed class AdamTrainingMethodsTests
{
    private const int Rows = 37, Cols = 300;

    [Fact]
    public void LearningRate_ChangedBetweenSteps_IsTheOneTheNextStepUses()
    {
        var random = new Random(1);
        float[] param = Values(random, Rows * Cols), expected = [.. param];
        float[] m = new float[param.Length], v = new float[param.Length];
        var adam = new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(param, Cols));
        double[] rates = [1e-3, 5e-4, 0, 2e-3];
        for (int step = 1; step <= rates.Length; step++)
        {
            float[] grad = Values(random, param.Length);
            adam.LearningRate = rates[step - 1];
            adam.Step([new DenseGradientTiles(grad, Cols)]);
            TrainingKernelsReference.AdamUpdate(expected, grad, m, v, rates[step - 1], step);
        }

        Assert.Equal(expected, param);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = double.NaN);
    }

    [Fact]
    public void Clipping_ScalesEveryGradientByPyTorchsCoefficient()
    {
        var random = new Random(2);
        float[] weights = Values(random, Rows * Cols), bias = Values(random, Cols);
        float[] expectedWeights = [.. weights], expectedBias = [.. bias];
        float[] gradWeights = Values(random, weights.Length), gradBias = Values(random, bias.Length);
        var adam = new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(weights, Cols), new ParameterMatrix(bias, Cols)) { MaxGradientNorm = 0.5 };

        adam.Step([new DenseGradientTiles(gradWeights, Cols), new DenseGradientTiles(gradBias, Cols)]);

        double norm = Math.Sqrt(SumOfSquares(gradWeights) + SumOfSquares(gradBias));
        float scale = (float)(0.5 / (norm + 1e-6));
        // The optimiser sums squares tile by tile in float (as TensorPrimitives does, in an order that depends on the vector width).
        Assert.Equal(norm, adam.LastGradientNorm, 1e-6 * norm);
        TrainingKernelsReference.AdamUpdate(expectedWeights, Scaled(gradWeights, scale), new float[weights.Length], new float[weights.Length], 1e-3, 1);
        TrainingKernelsReference.AdamUpdate(expectedBias, Scaled(gradBias, scale), new float[bias.Length], new float[bias.Length], 1e-3, 1);
        Assert.Equal(expectedWeights, weights);
        Assert.Equal(expectedBias, bias);
    }

    [Fact]
    public void Clipping_BelowTheLimit_LeavesTheStepAsItWas()
    {
        var random = new Random(3);
        float[] clipped = Values(random, Rows * Cols), plain = [.. clipped];
        float[] grad = Values(random, clipped.Length);
        new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(clipped, Cols)) { MaxGradientNorm = 1e6 }.Step([new DenseGradientTiles(grad, Cols)]);
        new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(plain, Cols)).Step([new DenseGradientTiles(grad, Cols)]);
        Assert.Equal(plain, clipped);
    }

    [Fact]
    public void UnitRows_ProjectTheGradientStepAndRenormalise()
    {
        var random = new Random(4);
        float[] param = Values(random, Rows * Cols);
        var adam = new AdamOptimizer(ComputeContext.Current, 1e-2, new ParameterMatrix(param, Cols));
        adam.KeepRowsAtUnitNorm(param);
        AssertUnitRows(param);

        float[] expected = [.. param];
        float[] m = new float[param.Length], v = new float[param.Length];
        for (int step = 1; step <= 3; step++)
        {
            float[] grad = Values(random, param.Length);
            float[] projected = [.. grad];
            for (int r = 0; r < Rows; r++)
            {
                Span<float> g = projected.AsSpan(r * Cols, Cols);
                ReadOnlySpan<float> w = expected.AsSpan(r * Cols, Cols);
                TensorPrimitives.MultiplyAdd(w, -TensorPrimitives.Dot(g, w) / TensorPrimitives.SumOfSquares(w), g, g);
                Assert.True(Math.Abs(TensorPrimitives.Dot(g, w)) < 1e-4);
            }

            adam.Step([new DenseGradientTiles(grad, Cols)]);
            TrainingKernelsReference.AdamUpdate(expected, projected, m, v, 1e-2, step);
            for (int r = 0; r < Rows; r++)
            {
                Span<float> w = expected.AsSpan(r * Cols, Cols);
                TensorPrimitives.Divide(w, TensorPrimitives.Norm(w), w);
            }
        }

        Assert.Equal(expected, param);
        AssertUnitRows(param);
    }

    [Fact]
    public void ClippingAndUnitRows_DoNotDependOnTheThreadCount()
    {
        float[] one = Train(threads: 1), two = Train(threads: 2);
        Assert.Equal(one, two);

        static float[] Train(int threads)
        {
            var random = new Random(5);
            float[] param = Values(random, 600 * Cols);
            var adam = new AdamOptimizer(ComputeContext.Default.WithThreads(threads), 1e-3, new ParameterMatrix(param, Cols)) { MaxGradientNorm = 1 };
            adam.KeepRowsAtUnitNorm(param);
            for (int step = 0; step < 3; step++)
            {
                adam.Step([new DenseGradientTiles(Values(random, param.Length), Cols)]);
            }

            return param;
        }
    }

    [Fact]
    public void ResetRowAndColumn_ZeroOnlyThoseMoments()
    {
        var random = new Random(6);
        float[] param = Values(random, Rows * Cols);
        var adam = new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(param, Cols));
        adam.Step([new DenseGradientTiles(Values(random, param.Length), Cols)]);

        adam.ResetRow(param, 3);
        adam.ResetColumn(param, 7);

        AdamState state = adam.ExportState();
        for (int i = 0; i < param.Length; i++)
        {
            bool reset = i / Cols == 3 || i % Cols == 7;
            Assert.Equal(reset, state.FirstMoments[0][i] == 0f && state.SecondMoments[0][i] == 0f);
        }

        Assert.Throws<ArgumentException>(() => adam.ResetRow(new float[Cols], 0));
    }

    private static void AssertUnitRows(float[] param)
    {
        for (int r = 0; r < Rows; r++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(param.AsSpan(r * Cols, Cols)), 1e-5f);
        }
    }

    private static double SumOfSquares(float[] values) => values.Sum(x => (double)x * x);

    private static float[] Scaled(float[] values, float scale) => [.. values.Select(x => x * scale)];

    private static float[] Values(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1))];
}
