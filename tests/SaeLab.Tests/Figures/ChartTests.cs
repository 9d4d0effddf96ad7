using SaeLab.Analysis;
using SaeLab.Evaluation;
using SaeLab.Figures;
using SaeLab.Probing;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Metrics;
using SaeLab.Statistics;
using SaeLab.Tests.Analysis;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Figures;

/// <summary>One PNG snapshot per kind of figure, each drawn from small fixed inputs; the snapshots were looked at when written.</summary>
public sealed class ChartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-fig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EvaluationFigures_MatchTheirSnapshots()
    {
        EvaluationResult result = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(16, scale: 0.85f), TinySae.Random(200, 16, seed: 5, mean: 1));

        IReadOnlyList<string> paths = EvaluationFigures.Write(_dir, "tiny-sae", result);

        foreach (string path in paths)
        {
            PngSnapshot.AssertMatches($"evaluation_{Path.GetFileName(path)}", path);
        }
    }

    [Fact]
    public void ConfusionMatrix_MatchesItsSnapshot()
    {
        string[] classes = ["mixed", "pure_addition", "pure_multiplication"];
        int[] truth = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2];
        int[] predicted = [0, 0, 0, 1, 2, 1, 1, 1, 1, 1, 0, 2, 2, 0];
        var metrics = ClassificationMetrics.Compute(truth, predicted, classes);
        var result = new ProbeResult("mean", "sae", "operation_types", false, 0.2, 42, 56, truth.Length, 64, 30, true, 0, metrics, [], [], []) { MajorityAccuracy = 6.0 / 14 };
        string path = Path.Combine(_dir, "confusion.png");

        ProbeFigures.WriteConfusionMatrix(path, "refined_mean", result);

        PngSnapshot.AssertMatches("confusion_matrix.png", path);
    }

    [Fact]
    public void AccuracyGrid_MatchesItsSnapshot()
    {
        long[] layers = [4, 8, 14], tokens = [0, 1, 2, 3, 4, 5];
        GridCell[] cells =
        [
            .. layers.SelectMany(layer => tokens.Select(token =>
            {
                double accuracy = 0.3 + (0.08 * token) + (0.01 * layer);
                return new GridCell(token, layer, accuracy, new ConfidenceInterval(accuracy - 0.08, accuracy + 0.08), accuracy, 20, true);
            })),
        ];
        var grid = new AccuracyGrid("operation_types", tokens, layers, cells) { ChanceAccuracy = 1.0 / 3, MajorityAccuracy = 0.4 };

        ProbeFigures.WriteGrid(_dir, grid);

        PngSnapshot.AssertMatches("accuracy_grid.png", Path.Combine(_dir, ProbeOutputs.GridPng));
    }

    [Fact]
    public void SelectivePositions_MatchesItsSnapshot()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid());

        IReadOnlyList<string> paths = AnalysisFigures.Write(_dir, "split-signs", analysis);

        PngSnapshot.AssertMatches(AnalysisFigures.SelectivePositionsPng, Assert.Single(paths));
    }

    [Fact]
    public void SelectivePositions_WithNoSelectiveFeature_DrawsNothing()
    {
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(TinySae.SplitSigns(2), FeatureAnalyzerTests.Grid(), new AnalysisOptions { MinSelectivity = 1e9 });

        Assert.False(AnalysisFigures.HasPositionFigure(analysis));
        Assert.Empty(AnalysisFigures.Write(_dir, "split-signs", analysis));
    }

    [Fact]
    public void Curves_MatchTheirSnapshot()
    {
        string path = Path.Combine(_dir, "curves.png");

        Chart.Lines(path, [new("pilot", [3.0, 1.2, 0.8, 0.7]), new("refined", [2.5, 0.9, 0.5, 0.45])], "Reconstruction MSE per epoch", "epoch", "MSE", logY: true);

        PngSnapshot.AssertMatches("curves.png", path);
    }

    [Fact]
    public void Scatter_MatchesItsSnapshot()
    {
        string path = Path.Combine(_dir, "scatter.png");

        Chart.Scatter(path, [10, 40, 90], [60, 80, 85], ["l1=1e-2", "l1=1e-3", "l1=1e-4"], "Sweep: sparsity vs reconstruction", "L0", "explained variance (%)", [true, true, true]);

        PngSnapshot.AssertMatches("pareto.png", path);
    }

    [Fact]
    public void LogTicks_CoverTheRangeInOneTwoFiveSteps()
    {
        Assert.Equal([0.3, 0.5, 1, 2, 3], Chart.LogTicks(0.4, 3));
        Assert.Equal([1, 2, 5, 10, 20, 50, 100, 200], Chart.LogTicks(1, 120));
    }

    [Fact]
    public void IntegerAlignedBins_HoldEachIntegerWhole()
    {
        HistogramBins bins = HistogramBins.IntegerAligned([0, 1, 1, 2, 5], maxBins: 50);

        Assert.Equal(-0.5, bins.Start);
        Assert.Equal(1, bins.Width);
        Assert.Equal([1, 2, 1, 0, 0, 1], bins.Counts);

        // 0..200 in at most 50 bins: 201 integers, 5 per bin (edges at −0.5, 4.5, …), so 41 bins.
        HistogramBins wide = HistogramBins.IntegerAligned([0, 4, 5, 200], maxBins: 50);
        Assert.Equal((5.0, 41), (wide.Width, wide.Counts.Length));
        Assert.Equal([2, 1], wide.Counts[..2]);
        Assert.Equal(1, wide.Counts[^1]);
    }
}
