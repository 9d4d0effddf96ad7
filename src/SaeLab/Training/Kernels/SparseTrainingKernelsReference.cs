namespace SaeLab.Training.Kernels;

/// <summary>Naive scalar twins of the vectorised <see cref="SparseTrainingKernels"/> (definition, test oracle and fallback).</summary>
public static class SparseTrainingKernelsReference
{
    /// <summary>Scalar <see cref="SparseTrainingKernels.EncoderGradientTile"/>: the same sums in the same order, one row at a time.</summary>
    public static void EncoderGradientTile(
        ReadOnlySpan<int> featureStart, ReadOnlySpan<int> columnRow, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> xBlock, int rowCount, int col0, int colCount, Span<float> destination)
    {
        for (int r = 0; r < rowCount; r++)
        {
            for (int c = 0; c < colCount; c++)
            {
                float sum = 0;
                for (int k = featureStart[col0 + c]; k < featureStart[col0 + c + 1]; k++)
                {
                    sum += gradients[k] * xBlock[columnRow[k] * SparseTrainingKernels.BlockRows + r];
                }

                destination[r * colCount + c] = sum;
            }
        }
    }
}
