using System.Globalization;
using System.Text;
using SaeLab.Probing.Grid;

namespace SaeLab.Reports;

/// <summary>The raw accuracy grid as markdown: its table (<c>accuracy_grid.md</c>, <c>COMPARISON.md</c>) and, as <c>saelab probe --grid</c> prints it, the table with its best cell.</summary>
public static class AccuracyGridReport
{
    /// <summary>
    /// A markdown table: one row per layer, one column per token, accuracy to three decimals with its 95% Wilson interval
    /// (on a test set of a hundred problems a cell's interval spans about ±9 points, so neighbours rarely differ); best in bold.
    /// </summary>
    public static string Markdown(AccuracyGrid grid)
    {
        var text = new StringBuilder();
        text.Append("| layer \\ token |").AppendJoin("", grid.Tokens.Select(t => $" {t} |")).Append('\n');
        text.Append("|---|").AppendJoin("", grid.Tokens.Select(_ => "---:|")).Append('\n');
        GridCell best = grid.Best;
        foreach (long layer in grid.Layers)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {layer} |");
            foreach (long token in grid.Tokens)
            {
                GridCell cell = grid.Cells.Single(c => c.Layer == layer && c.Token == token);
                string value = cell.Accuracy.ToString("0.000", CultureInfo.InvariantCulture);
                string interval = string.Create(CultureInfo.InvariantCulture, $"{cell.AccuracyCi95.Low:0.00}–{cell.AccuracyCi95.High:0.00}");
                text.Append(' ').Append(cell == best ? $"**{value}**" : value).Append(" (").Append(interval).Append(") |");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The grid's <see cref="Markdown"/> table and its best cell.</summary>
    public static string Text(AccuracyGrid grid) =>
        Markdown(grid) + string.Create(CultureInfo.InvariantCulture, $"best: token {grid.Best.Token} at layer {grid.Best.Layer}, accuracy {grid.Best.Accuracy:0.000}\n");
}
