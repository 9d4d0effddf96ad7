using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Training;

public sealed class SparseTrainingKernelsTests
{
    [Theory]
    [InlineData(5, 1)]
    [InlineData(16, 16)]
    [InlineData(37, 9)]
    public void EncoderGradientTile_MatchesItsScalarTwinBitForBit(int d, int batch)
    {
        const int Features = 40;
        var random = new Random(d * 100 + batch);
        float[] x = Values(random, batch * d);
        var (featureStart, columnRow, gradients) = RandomColumns(random, batch, Features);
        int blocks = (d + SparseTrainingKernels.BlockRows - 1) / SparseTrainingKernels.BlockRows, blockLength = batch * SparseTrainingKernels.BlockRows;
        float[] packed = new float[blocks * blockLength];
        SparseTrainingKernels.PackBlocks(x, batch, d, 0, blocks, packed);

        for (int j = 0; j < blocks; j++)
        {
            int rows = Math.Min(SparseTrainingKernels.BlockRows, d - j * SparseTrainingKernels.BlockRows);
            float[] actual = new float[rows * 30], expected = new float[rows * 30];
            ReadOnlySpan<float> block = packed.AsSpan(j * blockLength, blockLength);
            SparseTrainingKernels.EncoderGradientTile(featureStart, columnRow, gradients, block, rows, 7, 30, actual);
            SparseTrainingKernelsReference.EncoderGradientTile(featureStart, columnRow, gradients, block, rows, 7, 30, expected);

            Assert.Equal(expected, actual);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < 30; c++)
                {
                    double oracle = 0;
                    for (int k = featureStart[7 + c]; k < featureStart[8 + c]; k++)
                    {
                        oracle += (double)gradients[k] * x[columnRow[k] * d + j * SparseTrainingKernels.BlockRows + r];
                    }

                    Assert.Equal(oracle, actual[r * 30 + c], 1e-5);
                }
            }
        }
    }

    [Fact]
    public void PackBlocks_LaysOutSixteenDimensionsPerVectorAndPadsWithZeros()
    {
        float[] x = [.. Enumerable.Range(0, 2 * 20).Select(i => (float)i)];
        float[] packed = new float[2 * 2 * SparseTrainingKernels.BlockRows];
        packed.AsSpan().Fill(float.NaN);

        SparseTrainingKernels.PackBlocks(x, batch: 2, d: 20, block0: 0, count: 2, packed);

        Assert.Equal(x[0..16], packed[0..16]);
        Assert.Equal(x[20..36], packed[16..32]);
        Assert.Equal([16f, 17f, 18f, 19f, .. new float[12]], packed[32..48]);
        Assert.Equal([36f, 37f, 38f, 39f, .. new float[12]], packed[48..64]);
    }

    /// <summary>Each feature active in a random subset of the vectors, vectors ascending (the by-feature layout).</summary>
    private static (int[] FeatureStart, int[] ColumnRow, float[] Gradients) RandomColumns(Random random, int batch, int features)
    {
        var starts = new List<int> { 0 };
        var rows = new List<int>();
        for (int f = 0; f < features; f++)
        {
            rows.AddRange(Enumerable.Range(0, batch).Where(_ => random.NextDouble() < 0.3));
            starts.Add(rows.Count);
        }

        return ([.. starts], [.. rows], Values(random, rows.Count));
    }

    private static float[] Values(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1))];
}
