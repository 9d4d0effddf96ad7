using System.Diagnostics;
using SaeLab.Data;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Classifier;
using SaeLab.Probing.Metrics;
using SaeLab.Sae;

namespace SaeLab.Probing;

/// <summary>
/// Linear probes, as the seed ran them: aggregate each problem's vectors, split the problems 80/20 stratified by
/// label (scikit-learn's split, so the test set is the seed's), fit logistic regression on the train part and
/// score the test part.
/// </summary>
public static class Prober
{
    /// <summary>Probes <paramref name="set"/>'s raw activations, or <paramref name="sae"/>'s codes of them when given.</summary>
    public static ProbeResult Run(ActivationSet set, ProbeConfig config, ISparseAutoencoder? sae = null)
    {
        config.Validate();
        ProblemFeatures features = Aggregator.Aggregate(set, config.Aggregation, config.LabelKey, sae, config.EncodeBatchRows);
        return Fit(features, config, sae is null ? "raw" : "sae");
    }

    /// <summary>Splits, fits and scores already aggregated features.</summary>
    public static ProbeResult Fit(ProblemFeatures features, ProbeConfig config, string source)
    {
        config.Validate();
        var labels = EncodedLabels.Of(features.Labels, config.LabelKey);
        TrainTestSplit split = ProblemSplit.Of(labels, config.SplitSettings);
        return FitSplit(features, labels, split, config, source);
    }

    /// <summary>
    /// Fits on the <paramref name="split"/>'s train samples and scores its test samples: the one fitting path of the
    /// single split, cross-validation folds, k-sparse and hybrid probes.
    /// </summary>
    public static ProbeResult FitSplit(ProblemFeatures features, EncodedLabels labels, TrainTestSplit split, ProbeConfig config, string source)
    {
        float[] train = features.Rows(split.Train), test = features.Rows(split.Test);
        int d = features.Features;
        var clock = Stopwatch.StartNew();
        ColumnStandardization? standardization = config.Standardize ? ColumnStandardization.Fit(train, split.Train.Length, d) : null;
        LogisticModel model = LogisticRegression.Fit(train, split.Train.Length, d, labels.Of(split.Train), labels.Classes, config.Regression, standardization);
        double seconds = clock.Elapsed.TotalSeconds;
        int[] predicted = model.Predict(test, split.Test.Length);
        int[] truth = labels.Of(split.Test);
        var metrics = ClassificationMetrics.Compute(truth, predicted, labels.Classes);
        // Ties go to the first class in ordinal order, as scikit-learn's DummyClassifier(strategy="most_frequent") breaks them.
        int majority = labels.Of(split.Train).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        return new ProbeResult(
            config.Aggregation.ToString(), source, config.LabelKey, config.Standardize, config.TestSize, config.SplitSeed,
            split.Train.Length, split.Test.Length, d, model.Iterations, model.Converged, seconds, metrics,
            split.Test.Select(i => features.Problems[i]).ToArray(),
            truth.Select(c => labels.Classes[c]).ToArray(),
            predicted.Select(c => labels.Classes[c]).ToArray())
        {
            MajorityClass = labels.Classes[majority],
            MajorityAccuracy = truth.Count(c => c == majority) / (double)truth.Length,
            ChanceAccuracy = 1.0 / labels.Classes.Length,
        };
    }
}
