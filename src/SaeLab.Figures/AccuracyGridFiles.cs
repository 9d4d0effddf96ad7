using SaeLab.IO;
using SaeLab.Probing;
using SaeLab.Probing.Grid;
using SaeLab.Reports;

namespace SaeLab.Figures;

/// <summary>The raw accuracy grid's tables, written from its results beside its heatmap (<see cref="ProbeFigures.WriteGrid"/>).</summary>
public static class AccuracyGridFiles
{
    /// <summary>Writes <see cref="ProbeOutputs.GridJson"/> and <see cref="ProbeOutputs.GridMarkdown"/> (<see cref="AccuracyGridReport.Markdown"/>) into <paramref name="directory"/>.</summary>
    public static void Write(string directory, AccuracyGrid grid)
    {
        Directory.CreateDirectory(directory);
        JsonFiles.Write(Path.Combine(directory, ProbeOutputs.GridJson), grid);
        AtomicFile.WriteAllText(Path.Combine(directory, ProbeOutputs.GridMarkdown), AccuracyGridReport.Markdown(grid));
    }
}
