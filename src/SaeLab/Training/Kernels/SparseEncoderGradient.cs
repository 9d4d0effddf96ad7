using SaeLab.Training.Architectures;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Kernels;

/// <summary>
/// dL/dW_enc [d, m] = xᵀ · dpre of the last sparse batch, computed tile by tile for the fused Adam pass from the
/// packed blocks of x (<see cref="SparseTrainingKernels.PackBlocks"/>, e.g. <see cref="TrainingWorkspace.PackedInputs"/>); columns
/// of inactive features are exactly zero.
/// Tiles must start on a block boundary (a multiple of <see cref="SparseTrainingKernels.BlockRows"/>), as Adam's do.
/// </summary>
internal sealed class SparseEncoderGradient(SparseCodes codes, float[] packedInputs) : IGradientTiles
{
    public void Fill(int row0, int rowCount, int col0, int colCount, Span<float> destination)
    {
        const int Rows = SparseTrainingKernels.BlockRows;
        if (row0 % Rows != 0)
        {
            throw new ArgumentException($"encoder-gradient tiles start at a multiple of {Rows} rows, got {row0}", nameof(row0));
        }

        int blockLength = codes.Batch * Rows;
        for (int r = 0; r < rowCount; r += Rows)
        {
            int rows = Math.Min(Rows, rowCount - r);
            SparseTrainingKernels.EncoderGradientTile(
                codes.FeatureStart, codes.ColumnRow, codes.ColumnGradient,
                packedInputs.AsSpan((row0 + r) / Rows * blockLength, blockLength), rows, col0, colCount,
                destination.Slice(r * colCount, rows * colCount));
        }
    }
}
