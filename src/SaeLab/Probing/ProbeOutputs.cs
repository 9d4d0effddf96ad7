using SaeLab.IO;

namespace SaeLab.Probing;

/// <summary>The names of the files a probe run writes (its JSON results, confusion matrix and accuracy grid), and the grid's tables.</summary>
public static class ProbeOutputs
{
    /// <summary>File names inside a figures directory.</summary>
    public const string ConfusionMatrixPng = "confusion_matrix.png", GridJson = "accuracy_grid.json", GridMarkdown = "accuracy_grid.md", GridPng = "accuracy_grid.png";

    /// <summary>Writes <see cref="GridJson"/> and <see cref="GridMarkdown"/> into <paramref name="directory"/> (its figure, <see cref="GridPng"/>, is SaeLab.Figures').</summary>
    public static void WriteGrid(string directory, AccuracyGrid grid)
    {
        Directory.CreateDirectory(directory);
        JsonFiles.Write(Path.Combine(directory, GridJson), grid);
        AtomicFile.WriteAllText(Path.Combine(directory, GridMarkdown), grid.ToMarkdown());
    }
}
