namespace SaeLab.Probing.Sparse;

/// <summary>One k of a k-sparse probe.</summary>
/// <param name="K">Features kept.</param>
/// <param name="Features">Indices of the kept features (into the aggregated features), best first.</param>
/// <param name="Scores">Their ranking scores on the training split, same order.</param>
/// <param name="Result">The probe on those features (same split as every other k).</param>
public sealed record SparseProbeEntry(int K, int[] Features, double[] Scores, ProbeResult Result);
