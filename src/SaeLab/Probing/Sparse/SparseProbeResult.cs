namespace SaeLab.Probing.Sparse;

/// <summary>A k-sparse probe at several k; written as JSON by <c>saelab probe --k-sparse --out</c>.</summary>
/// <param name="Aggregation">The aggregation, canonical form.</param>
/// <param name="Source"><c>raw</c> or <c>sae</c>.</param>
/// <param name="LabelKey">The label column.</param>
/// <param name="Ranking">How features were ranked: <c>mean_difference_one_vs_rest</c> (see <see cref="FeatureRanking.MeanDifference"/>).</param>
/// <param name="TotalFeatures">Features available to choose from.</param>
/// <param name="Entries">One probe per k, ascending k.</param>
public sealed record SparseProbeResult(string Aggregation, string Source, string LabelKey, string Ranking, int TotalFeatures, IReadOnlyList<SparseProbeEntry> Entries);
