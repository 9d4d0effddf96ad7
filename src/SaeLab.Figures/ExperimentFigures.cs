using SaeLab.Experiments;

namespace SaeLab.Figures;

/// <summary>
/// Every figure of an experiment, drawn from its <see cref="ExperimentResults"/> alone: each SAE's evaluation and
/// analysis figures, the reconstruction and L0 curves, the sweep's Pareto plots, each logistic probe's confusion matrix and the raw
/// accuracy grid, in that order (the order <c>COMPARISON.md</c> lists them).
/// </summary>
public static class ExperimentFigures
{
    /// <summary>Draws the figures into <paramref name="outputDirectory"/>'s figures folder; returns their paths relative to it.</summary>
    public static IReadOnlyList<string> Write(ExperimentResults results, string outputDirectory)
    {
        string root = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(Path.Combine(root, ExperimentRunner.FiguresFolder));
        var figures = new List<string>();
        foreach (SaeOutcome sae in results.Saes)
        {
            string folder = Path.Combine(root, ExperimentRunner.FiguresFolder, sae.Name);
            IEnumerable<string> written = sae.Evaluation is { } evaluation ? EvaluationFigures.Write(folder, sae.Name, evaluation) : [];
            figures.AddRange(written.Concat(AnalysisFigures.Write(folder, sae.Name, sae.Analysis)).Select(path => Path.GetRelativePath(root, path)));
        }

        figures.AddRange(LossCurves(results.Saes, root));
        if (results.Sweep is { } sweep)
        {
            figures.AddRange(Pareto(sweep, root));
        }

        foreach (ProbeOutcome probe in results.Probes)
        {
            string figure = Path.Combine(ExperimentRunner.FiguresFolder, $"confusion_{probe.Spec.Name}.png");
            ProbeFigures.WriteConfusionMatrix(Path.Combine(root, figure), probe.Spec.Name, probe.Result);
            figures.Add(figure);
        }

        if (results.Grid is { } grid)
        {
            ProbeFigures.WriteGrid(Path.Combine(root, ExperimentRunner.FiguresFolder), grid);
            figures.Add(Path.Combine(ExperimentRunner.FiguresFolder, Probing.ProbeOutputs.GridPng));
        }

        return figures;
    }

    /// <summary>
    /// Per-epoch curves of the trained SAEs: reconstruction MSE and L0, which mean the same for every SAE. The training
    /// loss adds each SAE's own penalty (l1 × Σ|z| at its own l1, or none for top-k), so its curves would not compare.
    /// </summary>
    private static IEnumerable<string> LossCurves(IReadOnlyList<SaeOutcome> outcomes, string root)
    {
        // A loaded SAE has no training curve.
        var saes = outcomes.Where(s => s.Epochs.Count > 0).ToList();
        if (saes.Count == 0)
        {
            return [];
        }

        string reconstruction = Path.Combine(ExperimentRunner.FiguresFolder, "reconstruction_curves.png");
        Chart.Lines(
            Path.Combine(root, reconstruction), Curves(saes, e => e.Reconstruction),
            "Reconstruction MSE per epoch (training batches; comparable across SAEs)", "epoch", "MSE", logY: true);
        string sparsity = Path.Combine(ExperimentRunner.FiguresFolder, "l0_curves.png");
        Chart.Lines(
            Path.Combine(root, sparsity), Curves(saes, e => e.L0),
            "L0 per epoch (codes > 0 per vector on the training batches)", "epoch", "L0", logY: true);
        return [reconstruction, sparsity];
    }

    private static List<KeyValuePair<string, IReadOnlyList<double>>> Curves(IEnumerable<SaeOutcome> saes, Func<Training.EpochStats, double> value) =>
        [.. saes.Select(s => new KeyValuePair<string, IReadOnlyList<double>>(s.Name, s.Epochs.Select(value).ToList()))];

    private static IEnumerable<string> Pareto(SweepOutcome sweep, string root)
    {
        IReadOnlyList<SweepPoint> points = sweep.Points;
        double[] l0 = [.. points.Select(p => p.Seeds.L0Mean.Mean)];
        string[] labels = [.. points.Select(SweepPlotLabel.Of)];
        const string sparsity = "L0 (active features per vector, lower is sparser)";
        string reconstruction = Path.Combine(ExperimentRunner.FiguresFolder, ExperimentRunner.ParetoReconstructionFigure);
        Chart.Scatter(
            Path.Combine(root, reconstruction), l0, [.. points.Select(p => p.Seeds.ExplainedVariance.Mean * 100)], labels,
            $"Sweep '{sweep.Name}': sparsity vs reconstruction (dashed: Pareto frontier)", sparsity, "explained variance (%)",
            [.. points.Select(p => p.ReconstructionFrontier)]);
        string accuracy = Path.Combine(ExperimentRunner.FiguresFolder, ExperimentRunner.ParetoAccuracyFigure);
        Chart.Scatter(
            Path.Combine(root, accuracy), l0, [.. points.Select(p => p.ProbeAccuracy.Mean * 100)], labels,
            $"Sweep '{sweep.Name}': sparsity vs probe accuracy ({sweep.Aggregation}; dashed: Pareto frontier)", sparsity, "probe accuracy (%)",
            [.. points.Select(p => p.AccuracyFrontier)]);
        return [reconstruction, accuracy];
    }
}
