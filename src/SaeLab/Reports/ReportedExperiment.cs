using SaeLab.Experiments;
using SaeLab.IO;

namespace SaeLab.Reports;

/// <summary>
/// An experiment run with its report: the runner computes and saves the results, then the report is rendered from
/// them, so the runner never depends on how results read.
/// </summary>
public static class ReportedExperiment
{
    /// <summary>
    /// <see cref="ExperimentRunner.Run(ExperimentConfig, string, string, IExperimentObserver?)"/>, then <see cref="ExperimentRunner.ReportFileName"/> rendered by
    /// <see cref="ComparisonReport"/> into <paramref name="outputDirectory"/>.
    /// </summary>
    public static ExperimentResults Run(ExperimentConfig config, string experimentPath, string outputDirectory, IExperimentObserver? observer = null)
    {
        ExperimentResults results = ExperimentRunner.Run(config, experimentPath, outputDirectory, observer);
        AtomicFile.WriteAllText(Path.Combine(Path.GetFullPath(outputDirectory), ExperimentRunner.ReportFileName), ComparisonReport.Render(results));
        return results;
    }
}
