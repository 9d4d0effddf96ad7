using System.Numerics.Tensors;
using SaeLab.Training.Architectures;

namespace SaeLab.Training.Optimization;

/// <summary>
/// An inner gradient of a matrix W [rows, <paramref name="columns"/>] plus a term along each row of W:
/// tile[r, c] = inner[row0 + r, col0 + c] + coefficients[row0 + r] · W[row0 + r, col0 + c] (e.g. the decoder-norm
/// weighted L1's term in dL/dW_dec, <see cref="DecoderNormPenalty"/>). It reads W as it is when the tile is filled, so
/// the optimiser must fill a tile before updating it (<see cref="AdamOptimizer"/> does); rows with coefficient 0 are left as the inner gradient made them.
/// </summary>
/// <param name="inner">The gradient the row terms are added to.</param>
/// <param name="coefficients">One coefficient per row of W [rows].</param>
/// <param name="matrix">W [rows, <paramref name="columns"/>].</param>
/// <param name="columns">Row width of W.</param>
internal sealed class RowTermGradientTiles(IGradientTiles inner, float[] coefficients, float[] matrix, int columns) : IGradientTiles
{
    public void Fill(int row0, int rowCount, int col0, int colCount, Span<float> destination)
    {
        inner.Fill(row0, rowCount, col0, colCount, destination);
        AddRowTerms(row0, rowCount, col0, colCount, destination);
    }

    /// <summary>destination [rowCount, colCount] += coefficients[row0 + r] · W[row0 + r, col0 .. col0 + colCount].</summary>
    public void AddRowTerms(int row0, int rowCount, int col0, int colCount, Span<float> destination)
    {
        for (int r = 0; r < rowCount; r++)
        {
            float coefficient = coefficients[row0 + r];
            if (coefficient != 0f)
            {
                Span<float> target = destination.Slice(r * colCount, colCount);
                TensorPrimitives.MultiplyAdd(matrix.AsSpan((row0 + r) * columns + col0, colCount), coefficient, target, target);
            }
        }
    }
}
