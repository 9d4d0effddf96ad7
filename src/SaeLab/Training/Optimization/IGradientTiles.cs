namespace SaeLab.Training.Optimization;

/// <summary>
/// The gradient of one parameter matrix [rows, cols], handed to <see cref="AdamOptimizer"/> a tile at a time, so
/// that a sparse gradient can be computed where Adam needs it instead of being written out in full first.
/// </summary>
public interface IGradientTiles
{
    /// <summary>
    /// destination [rowCount, colCount] (row stride colCount) = dL/dparam [row0 .. row0 + rowCount, col0 .. col0 + colCount].
    /// Called concurrently for disjoint tiles.
    /// </summary>
    void Fill(int row0, int rowCount, int col0, int colCount, Span<float> destination);
}
