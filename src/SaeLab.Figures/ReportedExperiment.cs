using SaeLab.Experiments;
using SaeLab.IO;
using SaeLab.Reports;

namespace SaeLab.Figures;

/// <summary>
/// An experiment run with everything drawn from its results: the runner computes and saves them, then the figures
/// (<see cref="ExperimentFigures"/>), the accuracy grid's tables (<see cref="AccuracyGridFiles"/>) and the report
/// (<see cref="ComparisonReport"/>) are rendered from them, so the runner never depends on how results look.
/// </summary>
public static class ReportedExperiment
{
    /// <summary>
    /// <see cref="ExperimentRunner.Run(ExperimentConfig, string, string, IExperimentObserver?)"/>, then its figures, the
    /// accuracy grid's tables, <see cref="ExperimentRunner.ResultsFileName"/> with the figures' list, and
    /// <see cref="ExperimentRunner.ReportFileName"/> into <paramref name="outputDirectory"/>.
    /// </summary>
    public static ExperimentResults Run(ExperimentConfig config, string experimentPath, string outputDirectory, IExperimentObserver? observer = null)
    {
        ExperimentResults computed = ExperimentRunner.Run(config, experimentPath, outputDirectory, observer);
        ExperimentResults results = computed with { Figures = ExperimentFigures.Write(computed, outputDirectory) };
        string root = Path.GetFullPath(outputDirectory);
        if (results.Grid is { } grid)
        {
            AccuracyGridFiles.Write(Path.Combine(root, ExperimentRunner.FiguresFolder), grid);
        }

        JsonFiles.Write(Path.Combine(root, ExperimentRunner.ResultsFileName), results);
        AtomicFile.WriteAllText(Path.Combine(root, ExperimentRunner.ReportFileName), ComparisonReport.Render(results));
        return results;
    }
}
