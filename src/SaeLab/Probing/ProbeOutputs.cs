namespace SaeLab.Probing;

/// <summary>
/// The names of the files a probe run writes into a figures directory: the confusion matrix, and the accuracy grid's
/// JSON, markdown table and heatmap (SaeLab.Figures writes them from the results).
/// </summary>
public static class ProbeOutputs
{
    public const string ConfusionMatrixPng = "confusion_matrix.png", GridJson = "accuracy_grid.json", GridMarkdown = "accuracy_grid.md", GridPng = "accuracy_grid.png";
}
