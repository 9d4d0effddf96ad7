using System.Text;
using SaeLab.Labels;

namespace SaeLab.Reports;

/// <summary>A problem labelling as text, as <c>saelab label-ops</c> prints it: problems per label, and the agreement with stored labels.</summary>
public static class LabelingReport
{
    public static string Text(ProblemLabeling labeling)
    {
        var text = new StringBuilder();
        foreach (var (label, count) in labeling.Counts)
        {
            text.AppendLine($"{label,-22}{count,6}");
        }

        if (labeling.Compared > 0)
        {
            text.AppendLine($"agree with stored operation_type: {labeling.Agreeing} / {labeling.Compared}");
        }

        return text.ToString();
    }
}
