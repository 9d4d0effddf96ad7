using SaeLab.Data;
using SaeLab.Probing.Aggregation;
using SaeLab.Sae;
using SaeLab.Statistics;

namespace SaeLab.Probing.CrossValidation;

/// <summary>
/// Repeated stratified k-fold cross-validation of a probe: every problem is tested once per repeat, so the score
/// rests on all problems instead of one 20% test set, and its spread over folds shows how much one split can move
/// it (Kohavi 1995, "A study of cross-validation and bootstrap for accuracy estimation and model selection",
/// IJCAI, recommends stratified 10-fold; 5 folds keep ~100 test problems per fold on the seed's 600). Folds follow
/// scikit-learn's <c>RepeatedStratifiedKFold</c> exactly (<see cref="RepeatedStratifiedKFold"/>).
/// </summary>
public static class CrossValidator
{
    /// <summary>Aggregates <paramref name="set"/> (or <paramref name="sae"/>'s codes) and cross-validates the probe.</summary>
    public static CrossValidationResult Run(ActivationSet set, ProbeConfig config, CrossValidationConfig cv, ISparseAutoencoder? sae = null)
    {
        config.Validate();
        ProblemFeatures features = Aggregator.Aggregate(set, config.Aggregation, config.LabelKey, sae, config.EncodeBatchRows);
        return Run(features, config, cv, sae is null ? "raw" : "sae");
    }

    /// <summary>Cross-validates a probe on already aggregated features; <paramref name="config"/>'s split settings are not used.</summary>
    public static CrossValidationResult Run(ProblemFeatures features, ProbeConfig config, CrossValidationConfig cv, string source)
    {
        config.Validate();
        cv.Validate();
        var labels = EncodedLabels.Of(features.Labels, config.LabelKey);
        int[][] testFolds = RepeatedStratifiedKFold.TestFolds(labels.Y, cv.Folds, cv.Repeats, (uint)cv.Seed);
        var scores = new List<FoldScore>();
        for (int r = 0; r < cv.Repeats; r++)
        {
            for (int f = 0; f < cv.Folds; f++)
            {
                TrainTestSplit split = RepeatedStratifiedKFold.Split(testFolds[r], f);
                ProbeResult result = Prober.FitSplit(features, labels, split, config, source);
                scores.Add(new FoldScore(r, f, split.Train.Length, split.Test.Length, result.Metrics.Accuracy, result.Metrics.MacroF1, result.Converged));
            }
        }

        return new CrossValidationResult(
            config.Aggregation.ToString(), source, config.LabelKey, config.Standardize, cv.Folds, cv.Repeats, cv.Seed,
            features.Samples, features.Features,
            MetricSummary.Of(scores.Select(s => s.Accuracy)), MetricSummary.Of(scores.Select(s => s.MacroF1)), scores);
    }
}
