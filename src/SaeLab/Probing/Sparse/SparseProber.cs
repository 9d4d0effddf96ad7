using SaeLab.Data;
using SaeLab.Probing.Aggregation;
using SaeLab.Sae;

namespace SaeLab.Probing.Sparse;

/// <summary>
/// The multiclass k-sparse probe, SaeLab's adaptation of SAEBench's sparse probing (Karvonen et al. 2025,
/// "SAEBench: A Comprehensive Benchmark for Sparse Autoencoders", §sparse probing; Gurnee et al. 2023, "Finding
/// Neurons in a Haystack", for k-sparse probes) to one multiclass label: on the probe's stratified training split
/// rank the features by their largest one-vs-rest difference of class means (<see cref="FeatureRanking.MeanDifference"/>),
/// keep the top k and fit one multiclass logistic regression on those alone, scored on every test problem. If a few
/// features carry the label, accuracy at small k is high. All k share the probe's split, so their results can be
/// compared pairwise (<see cref="Statistics.PairedComparison"/>). Its numbers are not SAEBench's: for those see
/// <see cref="SaeBenchSparseProber"/> (balanced binary tasks, one per class).
/// </summary>
public static class SparseProber
{
    /// <summary>The k SaeLab probes unless told otherwise.</summary>
    public static IReadOnlyList<int> DefaultKs { get; } = [1, 2, 5, 10, 20, 50];

    /// <summary>The ranking's name in results.</summary>
    public const string Ranking = "mean_difference_one_vs_rest";

    /// <summary>Aggregates <paramref name="set"/> (or <paramref name="sae"/>'s codes) and probes the top k features for each k.</summary>
    public static SparseProbeResult Run(ActivationSet set, ProbeConfig config, IReadOnlyList<int> ks, ISparseAutoencoder? sae = null)
    {
        config.Validate();
        ProblemFeatures features = Aggregator.Aggregate(set, config.Aggregation, config.LabelKey, sae, config.EncodeBatchRows);
        return Run(features, config, ks, sae is null ? "raw" : "sae");
    }

    /// <summary>Probes the top k of already aggregated features for each k in <paramref name="ks"/>.</summary>
    public static SparseProbeResult Run(ProblemFeatures features, ProbeConfig config, IReadOnlyList<int> ks, string source)
    {
        config.Validate();
        CheckKs(ks, features.Features);
        var labels = EncodedLabels.Of(features.Labels, config.LabelKey);
        TrainTestSplit split = ProblemSplit.Of(labels, config.SplitSettings);
        SparseProbeEntry[] entries = ProbeTopK(features, labels, split, config, ks, source);
        return new SparseProbeResult(config.Aggregation.ToString(), source, config.LabelKey, Ranking, features.Features, entries);
    }

    /// <summary>
    /// The k-sparse step both protocols share: rank the features by <see cref="FeatureRanking.MeanDifference"/> on
    /// <paramref name="split"/>'s training samples, then fit and score a probe on the top k for each k, ascending.
    /// With two classes (<see cref="SaeBenchSparseProber"/>'s tasks) the score is SAEBench's |mean(positive) − mean(negative)|.
    /// </summary>
    internal static SparseProbeEntry[] ProbeTopK(
        ProblemFeatures features, EncodedLabels labels, TrainTestSplit split, ProbeConfig config, IReadOnlyList<int> ks, string source)
    {
        double[] scores = FeatureRanking.MeanDifference(features.Rows(split.Train), split.Train.Length, features.Features, labels.Of(split.Train), labels.Classes.Length);
        int[] order = FeatureRanking.TopK(scores, ks.Max());
        return ks.Distinct().Order().Select(k =>
        {
            int[] kept = order[..k];
            ProbeResult result = Prober.FitSplit(features.Columns(kept), labels, split, config, $"{source} top-{k}");
            return new SparseProbeEntry(k, kept, kept.Select(j => scores[j]).ToArray(), result);
        }).ToArray();
    }

    /// <summary>Throws unless every k is between 1 and <paramref name="featureCount"/>, naming <c>--k-sparse</c>.</summary>
    internal static void CheckKs(IReadOnlyList<int> ks, int featureCount)
    {
        if (ks.Count == 0 || ks.Any(k => k < 1 || k > featureCount))
        {
            throw new SaeLabException($"--k-sparse values must be between 1 and the feature count {featureCount} (got {string.Join(",", ks)})");
        }
    }
}
