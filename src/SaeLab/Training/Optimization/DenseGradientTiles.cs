namespace SaeLab.Training.Optimization;

/// <summary>A gradient held in full, row-major [rows, <see cref="Columns"/>]: tiles are copied out of it.</summary>
/// <param name="values">The gradient, [rows, <paramref name="columns"/>].</param>
/// <param name="columns">Its row width.</param>
public sealed class DenseGradientTiles(float[] values, int columns) : IGradientTiles
{
    /// <summary>Row width of the gradient.</summary>
    public int Columns { get; } = columns;

    public void Fill(int row0, int rowCount, int col0, int colCount, Span<float> destination)
    {
        for (int r = 0; r < rowCount; r++)
        {
            values.AsSpan((row0 + r) * Columns + col0, colCount).CopyTo(destination.Slice(r * colCount, colCount));
        }
    }
}
