using SaeLab.Data;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Classifier;
using SaeLab.Sae;

namespace SaeLab.Probing.Sparse;

/// <summary>
/// SAEBench's sparse-probing protocol (Karvonen et al. 2025, "SAEBench: A Comprehensive Benchmark for Sparse
/// Autoencoders", §sparse probing; <c>sae_bench/evals/sparse_probing/main.py</c> and <c>probe_training.py</c>,
/// <c>train_probe_on_activations</c>): one binary task per class, that class against the rest with balanced
/// negatives (<see cref="BalancedBinaryTasks"/>); on each task's training part the top k features by
/// |mean(positive) − mean(negative)| (<c>get_top_k_mean_diff_mask</c>, here <see cref="FeatureRanking.MeanDifference"/>
/// with two classes); scikit-learn's <c>LogisticRegression(penalty="l2", C=1.0, max_iter=1000)</c> on those k
/// unstandardised features (<c>train_sklearn_probe</c>, SaeLab's <see cref="LogisticRegression"/> with its
/// defaults); test accuracy per task and the unweighted mean over tasks (<see cref="TaskMeanAccuracy"/>).
/// <para>
/// Where SaeLab departs: the pools are the probe's stratified split (SAEBench samples fixed-size per-class train and
/// test sets, 4000 and 1000 per task by default); the negatives are drawn once and shared by every k (SAEBench
/// draws afresh for each k from torch's running generator, so its k differ by a draw as well); ties in the ranking
/// go to the lower feature index (torch's <c>argsort</c> leaves them unspecified); the kept features enter the
/// probe best first (SAEBench keeps index order; the fitted probe is the same up to rounding).
/// </para>
/// </summary>
public static class SaeBenchSparseProber
{
    /// <summary>The ranking's name in results.</summary>
    public const string Ranking = "abs_mean_difference_binary";

    /// <summary>Aggregates <paramref name="set"/> (or <paramref name="sae"/>'s codes) and runs the protocol on it.</summary>
    public static SaeBenchProbeResult Run(ActivationSet set, ProbeConfig config, SaeBenchProbingConfig protocol, ISparseAutoencoder? sae = null)
    {
        config.Validate();
        ProblemFeatures features = Aggregator.Aggregate(set, config.Aggregation, config.LabelKey, sae, config.EncodeBatchRows);
        return Run(features, config, protocol, sae is null ? "raw" : "sae");
    }

    /// <summary>Runs the protocol on already aggregated features.</summary>
    public static SaeBenchProbeResult Run(ProblemFeatures features, ProbeConfig config, SaeBenchProbingConfig protocol, string source)
    {
        config.Validate();
        protocol.Validate();
        SparseProber.CheckKs(protocol.Ks, features.Features);
        var labels = EncodedLabels.Of(features.Labels, config.LabelKey);
        TrainTestSplit split = ProblemSplit.Of(labels, config.SplitSettings);
        BinaryTaskResult[] tasks = [.. BalancedBinaryTasks.Build(labels, split, protocol.NegativeSeed).Select(task =>
            new BinaryTaskResult(task, SparseProber.ProbeTopK(features, task.Labels(labels), task.ToSplit(), config, protocol.Ks, $"{source} {task.Positive}")))];
        TaskMeanAccuracy[] means = [.. tasks[0].Entries.Select((entry, i) => TaskMeanAccuracy.Of(entry.K, [.. tasks.Select(t => t.Entries[i].Result)]))];
        return new SaeBenchProbeResult(config.Aggregation.ToString(), source, config.LabelKey, Ranking, features.Features, protocol.NegativeSeed, tasks, means);
    }
}
