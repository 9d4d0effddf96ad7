namespace SaeLab.Figures;

/// <summary>What a <see cref="Chart.Heatmap"/> draws: each cell's value (its colour) and text, row 0 at the top.</summary>
/// <param name="Values">Cell values [rows, columns].</param>
/// <param name="Texts">The text written on each cell [rows, columns]; may span lines.</param>
/// <param name="RowLabels">One label per row.</param>
/// <param name="ColumnLabels">One label per column.</param>
public sealed record HeatmapCells(double[,] Values, string[,] Texts, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels)
{
    /// <summary>Cells whose text is their value in <paramref name="format"/>.</summary>
    public static HeatmapCells Formatted(double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, string format)
    {
        var texts = new string[values.GetLength(0), values.GetLength(1)];
        for (int r = 0; r < texts.GetLength(0); r++)
        {
            for (int c = 0; c < texts.GetLength(1); c++)
            {
                texts[r, c] = values[r, c].ToString(format, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new HeatmapCells(values, texts, rowLabels, columnLabels);
    }
}
