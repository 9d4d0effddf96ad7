using SaeLab.Numerics;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Tests.Training;

public sealed class AdamOptimizerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 300)]
    [InlineData(300, 33)]
    [InlineData(70, 1000)]
    public void TiledStep_MatchesTheFlatKernelBitForBit(int rows, int cols)
    {
        var random = new Random(rows * 1000 + cols);
        float[] param = Values(random, rows * cols), expected = [.. param];
        float[] m = new float[param.Length], v = new float[param.Length];
        var adam = new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(param, cols));

        for (int step = 1; step <= 3; step++)
        {
            float[] grad = Values(random, rows * cols);
            adam.Step([new DenseGradientTiles(grad, cols)]);
            TrainingKernelsReference.AdamUpdate(expected, grad, m, v, learningRate: 1e-3, step);
        }

        Assert.Equal(3, adam.Steps);
        Assert.Equal(expected, param);
    }

    [Fact]
    public void Constructor_RejectsARowWidthThatDoesNotDivideTheParameters() =>
        Assert.Throws<ArgumentException>(() => new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(new float[10], 3)));

    private static float[] Values(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1))];
}
