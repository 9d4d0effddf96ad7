using SaeLab.Data;

namespace SaeLab.Reports;

/// <summary>The text of an activation file's summary (<see cref="ActivationFileSummary"/>).</summary>
public static class ActivationFileReport
{
    /// <summary>The summary as <c>saelab info</c> prints it: format, shapes, tensors, metadata columns, labels, notes, info dict.</summary>
    public static string Text(ActivationFileSummary summary)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"file:     {summary.Path}");
        text.AppendLine($"format:   {summary.Format}");
        text.AppendLine($"vectors:  {summary.Vectors} x {summary.Dim}");
        text.AppendLine("tensors:");
        foreach (ActivationFileSummary.TensorEntry tensor in summary.Tensors)
        {
            text.AppendLine($"  {tensor.Name,-24} {tensor.Dtype}[{string.Join(", ", tensor.Shape)}]");
        }

        text.AppendLine(summary.Columns.Count == 0 ? "metadata: none" : "metadata:");
        foreach (ActivationFileSummary.ColumnEntry column in summary.Columns)
        {
            string range = column.Min is null ? "" : $" range {column.Min}..{column.Max}";
            string values = column.Values is null ? "" : "  {" + string.Join(", ", column.Values.Select(v => $"{v.Value}: {v.Count}")) + "}";
            text.AppendLine($"  {column.Name,-24} {column.Kind,-6} {column.Distinct} distinct{range}{values}");
        }

        if (summary.Labels is { } labels)
        {
            text.AppendLine($"labels ({labels.Column}):");
            foreach (ActivationFileSummary.LabelCount label in labels.Counts)
            {
                text.AppendLine($"  {label.Label,-24} {label.Vectors,7} vectors {label.Problems,6} problems");
            }
        }

        foreach (string note in summary.Notes)
        {
            text.AppendLine($"note: {note}");
        }

        if (summary.Info is not null)
        {
            text.AppendLine("info:");
            foreach (var (key, value) in summary.Info)
            {
                text.AppendLine($"  {key}: {value?.ToJsonString() ?? "null"}");
            }
        }

        return text.ToString();
    }
}
