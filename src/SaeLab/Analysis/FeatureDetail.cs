namespace SaeLab.Analysis;

/// <summary>
/// What a feature card shows beyond the profile's numbers, as SAE-Vis / SAEDashboard do: the vectors it fires
/// on most strongly, the distribution of its activations, samples from each quantile band of that distribution,
/// and the features whose decoder directions are closest to its own.
/// </summary>
/// <param name="Top">The most strongly activating vectors, strongest first (ties: lower vector index first).</param>
/// <param name="Sampled">Activations the histogram and bands are drawn from: every one when the feature fires on at most <see cref="FeatureDetail.SampleCapacity"/> vectors, else a uniform sample of that many.</param>
/// <param name="Histogram">Histogram of those activations.</param>
/// <param name="Bands">Quantile bands of those activations, lowest first, each with a few samples.</param>
/// <param name="Neighbours">The used features with the highest decoder cosine, highest first.</param>
public sealed record FeatureDetail(
    IReadOnlyList<FeatureExample> Top,
    int Sampled,
    ActivationHistogram Histogram,
    IReadOnlyList<QuantileBand> Bands,
    IReadOnlyList<FeatureNeighbour> Neighbours)
{
    /// <summary>Activations per feature kept for the histogram and bands (a reservoir sample beyond this).</summary>
    public const int SampleCapacity = 1024;

    /// <summary>Decoder neighbours listed per feature.</summary>
    public const int NeighbourCount = 8;
}
