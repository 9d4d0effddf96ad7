namespace SaeLab.Evaluation;

/// <summary>
/// Per-feature statistics over a data set: how many vectors use each feature (|z| &gt; the active threshold)
/// and its largest activation. Arrays are indexed by feature id.
/// </summary>
/// <param name="Vectors">Number of vectors the statistics cover.</param>
/// <param name="ActiveThreshold">A feature is active on a vector when |z| exceeds this.</param>
/// <param name="Usage">Per feature: number of vectors on which it is active.</param>
/// <param name="MaxActivation">Per feature: largest z over all vectors.</param>
public sealed record FeatureStatistics(int Vectors, double ActiveThreshold, int[] Usage, float[] MaxActivation)
{
    /// <summary>Features active on no vector.</summary>
    public int DeadCount => Usage.Count(u => u == 0);

    /// <summary>Per feature: fraction of vectors on which it is active.</summary>
    public double[] Density() => Usage.Select(u => (double)u / Vectors).ToArray();

    /// <summary>Per live feature (density above 0), in feature order: log10 of its density. Dead features have none and are counted apart (<see cref="DeadCount"/>).</summary>
    public double[] LiveLog10Density() =>
        [.. Density().Where(d => d > 0).Select(Math.Log10)];
}
