using SaeLab.Statistics;

namespace SaeLab.Probing.Metrics;

/// <summary>
/// Test-set scores of a classifier: accuracy with its Wilson 95% interval, per-class precision/recall/F1/support,
/// their unweighted (macro) means, and the confusion matrix (rows: true class, columns: predicted class, both in
/// <see cref="Classes"/> order).
/// </summary>
public sealed record ClassificationMetrics(
    double Accuracy,
    ConfidenceInterval AccuracyCi95,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, ClassMetrics> PerClass,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1,
    int[][] ConfusionMatrix)
{
    /// <summary>Scores predictions against the truth; labels are indices into <paramref name="classes"/>.</summary>
    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> classes)
    {
        if (truth.Count != predicted.Count || truth.Count == 0)
        {
            throw new ArgumentException($"{truth.Count} true labels and {predicted.Count} predictions: need the same non-zero number");
        }

        int k = classes.Count;
        int[][] confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        for (int i = 0; i < truth.Count; i++)
        {
            confusion[truth[i]][predicted[i]]++;
        }

        int correct = Enumerable.Range(0, k).Sum(c => confusion[c][c]);
        var perClass = new Dictionary<string, ClassMetrics>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            int support = confusion[c].Sum();
            int predictedCount = confusion.Sum(row => row[c]);
            double precision = Ratio(confusion[c][c], predictedCount);
            double recall = Ratio(confusion[c][c], support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[classes[c]] = new ClassMetrics(precision, recall, f1, support);
        }

        return new ClassificationMetrics(
            (double)correct / truth.Count,
            ConfidenceInterval.Wilson(correct, truth.Count),
            classes,
            perClass,
            perClass.Values.Average(m => m.Precision),
            perClass.Values.Average(m => m.Recall),
            perClass.Values.Average(m => m.F1),
            confusion);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
