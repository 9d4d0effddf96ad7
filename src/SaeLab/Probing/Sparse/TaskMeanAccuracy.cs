using SaeLab.Statistics;

namespace SaeLab.Probing.Sparse;

/// <summary>
/// The mean test accuracy over <see cref="SaeBenchSparseProber"/>'s tasks at one k: SAEBench's score for a dataset
/// (<c>sae_bench/evals/sparse_probing/main.py</c>, <c>run_eval_single_dataset</c>: the unweighted mean of the
/// per-class accuracies).
/// </summary>
/// <param name="K">Features kept.</param>
/// <param name="Accuracy">Unweighted mean over the tasks of their test accuracy.</param>
/// <param name="AccuracyCi95">
/// Wilson 95% interval of the pooled test outcomes (every task's test problems together); the pooled proportion is
/// <see cref="Accuracy"/> when the tasks' test parts are the same size, as they are for equal classes. The tasks
/// share test problems (a problem is a positive in its own task and may be a negative in others), so the outcomes are
/// not independent and the interval is, if anything, too narrow.
/// </param>
/// <param name="Correct">Correct test predictions over all tasks.</param>
/// <param name="Trials">Test predictions over all tasks.</param>
public sealed record TaskMeanAccuracy(int K, double Accuracy, ConfidenceInterval AccuracyCi95, int Correct, int Trials)
{
    /// <summary>The mean of <paramref name="tasks"/>' accuracies at <paramref name="k"/>.</summary>
    public static TaskMeanAccuracy Of(int k, IReadOnlyList<ProbeResult> tasks)
    {
        int correct = tasks.Sum(t => t.TestCorrectness().Count(right => right));
        int trials = tasks.Sum(t => t.TestSize);
        return new TaskMeanAccuracy(k, tasks.Average(t => t.Metrics.Accuracy), ConfidenceInterval.Wilson(correct, trials), correct, trials);
    }
}
