using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using SaeLab.Training.Architectures;

namespace SaeLab.Training.Kernels;

/// <summary>
/// The products of the training step over the active codes only (see <see cref="SparseCodes"/>): spans in,
/// destination out, no allocation. Their oracle is the dense path of <see cref="ReluSaeTrainingStep"/> (GEMM over
/// all codes; zero codes contribute exact zeros there), so the two agree to rounding. The kernels walk the codes by
/// feature, so each active decoder row is read once per batch rather than once per vector using it; every sum
/// runs over its terms in a fixed order (features, then vectors, ascending), so no result depends on how the
/// work is split across threads.
/// </summary>
public static class SparseTrainingKernels
{
    /// <summary>Rows of x per packed block: one Vector512 of floats (two Vector256).</summary>
    public const int BlockRows = 16;

    /// <summary>
    /// Columns per pass of the by-feature kernels: the [B, 256] slice of x̂ or dx̂ they revisit for every entry
    /// (256 KiB at B = 256) stays in L2, where whole rows (2 MiB at d = 2048) would be fetched from L3 each time.
    /// </summary>
    public const int ColumnChunk = 256;

    /// <summary>
    /// reconstruction[b, col0 .. col0 + n] += Σ_f Σ over f's entries k (vector b = columnRow[k]) of
    /// values[k] · W_dec[f, col0 .. col0 + n], W_dec [m, d], reconstruction [B, d] (initialised with
    /// b_dec): the decoder forward over a range of output columns, each active decoder row read once, in passes of
    /// <see cref="ColumnChunk"/> columns.
    /// </summary>
    public static void DecodeByFeature(
        ReadOnlySpan<int> featureStart, ReadOnlySpan<int> columnRow, ReadOnlySpan<float> values,
        ReadOnlySpan<float> wDec, int d, int col0, int n, Span<float> reconstruction)
    {
        for (int chunk0 = col0; chunk0 < col0 + n; chunk0 += ColumnChunk)
        {
            int width = Math.Min(ColumnChunk, col0 + n - chunk0);
            for (int f = 0; f < featureStart.Length - 1; f++)
            {
                ReadOnlySpan<float> row = wDec.Slice(f * d + chunk0, width);
                for (int k = featureStart[f]; k < featureStart[f + 1]; k++)
                {
                    Span<float> target = reconstruction.Slice(columnRow[k] * d + chunk0, width);
                    TensorPrimitives.MultiplyAdd(row, values[k], target, target);
                }
            }
        }
    }

    /// <summary>
    /// gradients[k] = l1Scale · w_f + ⟨dx̂[columnRow[k], :], W_dec[f, :]⟩ over the entries k of features f0 .. f0 + count − 1,
    /// the dot product summed chunk by chunk of <see cref="ColumnChunk"/> columns: dL/dpre at the active codes (where
    /// the ReLU passes the gradient and sign(z) = 1); dx̂ [B, d], W_dec [m, d]. w_f = featureWeights[f] ([m]: the
    /// decoder row norms of the weighted L1, <see cref="ReluSaeTrainingStep"/>), or 1 for every feature when
    /// <paramref name="featureWeights"/> is empty (the seed's plain L1).
    /// </summary>
    public static void CodeGradientsByFeature(
        ReadOnlySpan<int> featureStart, ReadOnlySpan<int> columnRow, ReadOnlySpan<float> outputGradient,
        ReadOnlySpan<float> wDec, int d, float l1Scale, ReadOnlySpan<float> featureWeights, int f0, int count, Span<float> gradients)
    {
        if (featureWeights.IsEmpty)
        {
            gradients[featureStart[f0]..featureStart[f0 + count]].Fill(l1Scale);
        }
        else
        {
            for (int f = f0; f < f0 + count; f++)
            {
                gradients[featureStart[f]..featureStart[f + 1]].Fill(l1Scale * featureWeights[f]);
            }
        }

        for (int chunk0 = 0; chunk0 < d; chunk0 += ColumnChunk)
        {
            int width = Math.Min(ColumnChunk, d - chunk0);
            for (int f = f0; f < f0 + count; f++)
            {
                ReadOnlySpan<float> row = wDec.Slice(f * d + chunk0, width);
                for (int k = featureStart[f]; k < featureStart[f + 1]; k++)
                {
                    gradients[k] += TensorPrimitives.Dot(outputGradient.Slice(columnRow[k] * d + chunk0, width), row);
                }
            }
        }
    }

    /// <summary>
    /// destination [n] = Σ_k weights[k] · source[rows[k], col0 .. col0 + n], source [·, sourceCols]: a row
    /// of a sparse-transposed product, e.g. dW_dec[f, :] = Σ over the vectors where f is active of z · dx̂.
    /// </summary>
    public static void WeightedRowSum(
        ReadOnlySpan<int> rows, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> source, int sourceCols, int col0, Span<float> destination)
    {
        destination.Clear();
        for (int k = 0; k < rows.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(source.Slice(rows[k] * sourceCols + col0, destination.Length), weights[k], destination, destination);
        }
    }

    /// <summary>
    /// packed[j, b, r] = x[b, 16·j + r] (0 past column d) for blocks j = block0 .. block0 + count − 1, x [batch, d],
    /// packed [⌈d/16⌉, batch, 16]: each block of 16 input dimensions for all vectors is one contiguous, L1-sized run.
    /// </summary>
    public static void PackBlocks(ReadOnlySpan<float> x, int batch, int d, int block0, int count, Span<float> packed)
    {
        for (int j = block0; j < block0 + count; j++)
        {
            int i0 = j * BlockRows, width = Math.Min(BlockRows, d - i0);
            Span<float> block = packed.Slice(j * batch * BlockRows, batch * BlockRows);
            for (int b = 0; b < batch; b++)
            {
                x.Slice(b * d + i0, width).CopyTo(block[(b * BlockRows)..]);
                block.Slice(b * BlockRows + width, BlockRows - width).Clear();
            }
        }
    }

    /// <summary>
    /// destination [rowCount, colCount] = (xᵀ · dpre)[16·j + r, col0 + c] for one packed block j of x
    /// (<paramref name="xBlock"/> [B, 16], see <see cref="PackBlocks"/>), dpre sparse by feature: column f = col0 + c
    /// sums gradients[k] · x[columnRow[k], 16·j + r] over f's entries k. Vectorised across the 16 rows
    /// (Vector512, else Vector256, else scalar), each lane summing in the same order as the scalar twin (<see cref="SparseTrainingKernelsReference"/>).
    /// </summary>
    public static void EncoderGradientTile(
        ReadOnlySpan<int> featureStart, ReadOnlySpan<int> columnRow, ReadOnlySpan<float> gradients,
        ReadOnlySpan<float> xBlock, int rowCount, int col0, int colCount, Span<float> destination)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            SparseTrainingKernelsReference.EncoderGradientTile(featureStart, columnRow, gradients, xBlock, rowCount, col0, colCount, destination);
            return;
        }

        destination[..(rowCount * colCount)].Clear();
        Span<float> sums = stackalloc float[BlockRows];
        for (int c = 0; c < colCount; c++)
        {
            int start = featureStart[col0 + c], end = featureStart[col0 + c + 1];
            if (start == end)
            {
                continue;
            }

            BlockSums(columnRow[start..end], gradients[start..end], xBlock, sums);
            for (int r = 0; r < rowCount; r++)
            {
                destination[r * colCount + c] = sums[r];
            }
        }
    }

    // sums [16] = Σ_k weights[k] · xBlock[rows[k], 0 .. 16]: one Vector512, else two Vector256, per entry.
    private static void BlockSums(ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ReadOnlySpan<float> xBlock, Span<float> sums)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> sum = Vector512<float>.Zero;
            for (int k = 0; k < rows.Length; k++)
            {
                sum += Vector512.Create(weights[k]) * Vector512.Create(xBlock.Slice(rows[k] * BlockRows, BlockRows));
            }

            sum.CopyTo(sums);
            return;
        }

        Vector256<float> low = Vector256<float>.Zero, high = Vector256<float>.Zero;
        for (int k = 0; k < rows.Length; k++)
        {
            ReadOnlySpan<float> x = xBlock.Slice(rows[k] * BlockRows, BlockRows);
            var weight = Vector256.Create(weights[k]);
            low += weight * Vector256.Create(x[..8]);
            high += weight * Vector256.Create(x[8..]);
        }

        low.CopyTo(sums);
        high.CopyTo(sums[8..]);
    }

    /// <summary>sums [m] = Σ over each feature's entries (vectors ascending) of gradients: db_enc from a sparse dpre.</summary>
    public static void FeatureSums(ReadOnlySpan<int> featureStart, ReadOnlySpan<float> gradients, Span<float> sums)
    {
        for (int f = 0; f < sums.Length; f++)
        {
            float sum = 0;
            for (int k = featureStart[f]; k < featureStart[f + 1]; k++)
            {
                sum += gradients[k];
            }

            sums[f] = sum;
        }
    }
}
