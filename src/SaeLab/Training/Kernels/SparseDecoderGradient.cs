using SaeLab.Training.Architectures;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Kernels;

/// <summary>
/// dL/dW_dec [m, d] = zᵀ · dx̂ of the last sparse batch, computed tile by tile for the fused Adam pass: row f sums
/// z · dx̂ over the vectors where feature f is active, and is exactly zero for the others (Adam still updates them).
/// </summary>
internal sealed class SparseDecoderGradient(SparseCodes codes, TrainingWorkspace workspace, int dIn) : IGradientTiles
{
    public void Fill(int row0, int rowCount, int col0, int colCount, Span<float> destination)
    {
        for (int r = 0; r < rowCount; r++)
        {
            int start = codes.FeatureStart[row0 + r], end = codes.FeatureStart[row0 + r + 1];
            SparseTrainingKernels.WeightedRowSum(
                codes.ColumnRow.AsSpan(start..end), codes.ColumnValue.AsSpan(start..end),
                workspace.Residuals, dIn, col0, destination.Slice(r * colCount, colCount));
        }
    }
}
