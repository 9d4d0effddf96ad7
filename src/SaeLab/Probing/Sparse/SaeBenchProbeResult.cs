namespace SaeLab.Probing.Sparse;

/// <summary>SAEBench's sparse probing on one label; written as JSON by <c>saelab probe --k-sparse-protocol saebench --out</c>.</summary>
/// <param name="Aggregation">The aggregation, canonical form.</param>
/// <param name="Source"><c>raw</c> or <c>sae</c>.</param>
/// <param name="LabelKey">The multiclass label column the tasks come from.</param>
/// <param name="Ranking">How features were ranked on each task's training part: <see cref="SaeBenchSparseProber.Ranking"/>.</param>
/// <param name="TotalFeatures">Features available to choose from.</param>
/// <param name="NegativeSeed">Seed of the negatives' draw.</param>
/// <param name="Tasks">One binary task per class, in class order.</param>
/// <param name="MeanAccuracy">Per k (ascending), the mean over the tasks: the number SAEBench reports.</param>
public sealed record SaeBenchProbeResult(
    string Aggregation,
    string Source,
    string LabelKey,
    string Ranking,
    int TotalFeatures,
    int NegativeSeed,
    IReadOnlyList<BinaryTaskResult> Tasks,
    IReadOnlyList<TaskMeanAccuracy> MeanAccuracy);
