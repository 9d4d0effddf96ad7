using SaeLab.Probing.Metrics;

namespace SaeLab.Probing;

/// <summary>What one probe did and scored; written as JSON by <c>saelab probe --out</c>.</summary>
/// <param name="Aggregation">The aggregation, in canonical form (e.g. <c>token:1@layer:8</c>).</param>
/// <param name="Source"><c>raw</c> activations or <c>sae</c> codes.</param>
/// <param name="LabelKey">The label column.</param>
/// <param name="Standardize">Whether features were standardised.</param>
/// <param name="TestFraction">The requested test fraction.</param>
/// <param name="SplitSeed">The split's seed.</param>
/// <param name="TrainSize">Training problems.</param>
/// <param name="TestSize">Test problems.</param>
/// <param name="NFeatures">Features per sample.</param>
/// <param name="Iterations">L-BFGS iterations of the fit.</param>
/// <param name="Converged">Whether the fit met its tolerance within the iteration limit.</param>
/// <param name="FitSeconds">Wall time of the fit.</param>
/// <param name="Metrics">Test-set scores.</param>
/// <param name="TestProblems">Problem ids of the test set, in split order.</param>
/// <param name="TestLabels">True class of each test problem (same order); JSON <c>test_labels</c>.</param>
/// <param name="TestPredictions">Predicted class of each test problem (same order); JSON <c>test_predictions</c>.</param>
public sealed record ProbeResult(
    string Aggregation,
    string Source,
    string LabelKey,
    bool Standardize,
    double TestFraction,
    int SplitSeed,
    int TrainSize,
    int TestSize,
    int NFeatures,
    int Iterations,
    bool Converged,
    double FitSeconds,
    ClassificationMetrics Metrics,
    long[] TestProblems,
    string[] TestLabels,
    string[] TestPredictions)
{
    /// <summary>The training set's most common class: what a classifier that learnt nothing from the features predicts.</summary>
    public string MajorityClass { get; init; } = "";

    /// <summary>The test accuracy of always predicting <see cref="MajorityClass"/>: the floor a probe must clear to have learnt anything.</summary>
    public double MajorityAccuracy { get; init; }

    /// <summary>1 / the number of classes: a uniform guess's expected accuracy.</summary>
    public double ChanceAccuracy { get; init; }

    /// <summary>Whether the probe does no better than always predicting the majority class.</summary>
    public bool AtMajorityRate => Metrics.Accuracy <= MajorityAccuracy;

    /// <summary>Whether each test problem (in <see cref="TestProblems"/> order) was classified correctly.</summary>
    public bool[] TestCorrectness() => TestLabels.Zip(TestPredictions, (truth, predicted) => truth == predicted).ToArray();
}
