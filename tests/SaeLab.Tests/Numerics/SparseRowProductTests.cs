using SaeLab.Numerics;

namespace SaeLab.Tests.Numerics;

public sealed class SparseRowProductTests
{
    [Theory]
    [InlineData(1, 1, 1, true)]
    [InlineData(7, 33, 17, true)]
    [InlineData(40, 300, 70, false)]
    public void TryAffine_MatchesTheReferenceGemmOnSparseInputs(int n, int k, int cols, bool withBias)
    {
        var random = new Random(n * 31 + k);
        float[] input = [.. Enumerable.Range(0, n * k).Select(_ => random.NextDouble() < 0.05 ? (float)random.NextDouble() : 0f)];
        input[0] = 0.5f;
        float[] weights = [.. Enumerable.Range(0, k * cols).Select(_ => (float)(2 * random.NextDouble() - 1))];
        float[] bias = withBias ? [.. Enumerable.Range(0, cols).Select(_ => (float)random.NextDouble())] : [];
        float[] expected = new float[n * cols], actual = new float[n * cols];
        for (int row = 0; row < n && withBias; row++)
        {
            bias.CopyTo(expected, row * cols);
        }

        actual.AsSpan().Fill(float.NaN);
        GemmReference.Multiply(false, false, n, cols, k, 1f, input, k, weights, cols, withBias ? 1f : 0f, expected, cols);

        Assert.Equal(input.Count(v => v != 0) <= SparseRowProduct.MaxDensity * n * k, SparseRowProduct.TryAffine(ComputeContext.Current, input, n, k, weights, cols, bias, actual));
        if (!float.IsNaN(actual[0]))
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-5f);
            }
        }
    }

    [Fact]
    public void TryAffine_LeavesDenseInputsToTheGemm()
    {
        float[] input = [1f, 2f, 0f, 3f], weights = [1f, 1f, 1f, 1f], output = [9f, 9f];

        Assert.False(SparseRowProduct.TryAffine(ComputeContext.Current, input, 2, 2, weights, 1, [], output));
        Assert.Equal([9f, 9f], output);
    }
}
