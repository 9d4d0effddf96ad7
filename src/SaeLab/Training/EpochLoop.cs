using System.Diagnostics;

namespace SaeLab.Training;

/// <summary>
/// One epoch of mini-batch steps, shared by the in-memory, the streaming and the supervised trainer: runs each batch,
/// sums its losses, counts sparse-path steps, reports progress after every batch and returns the epoch's statistics.
/// </summary>
internal static class EpochLoop
{
    /// <param name="lastPath">The path the step took on the batch just run.</param>
    /// <param name="epoch">1-based epoch number.</param>
    /// <param name="epochs">Epochs in the run.</param>
    /// <param name="batches">Batches in this epoch.</param>
    /// <param name="vectors">Vectors in this epoch (for the mean L0).</param>
    /// <param name="runBatch">Runs batch b (0-based) and returns its loss.</param>
    /// <param name="totals">The sums so far; the loop starts at batch <see cref="EpochTotals.Batches"/> (a resumed epoch) and adds to them.</param>
    /// <param name="afterBatch">Called after each batch with the updated totals (checkpoints), or null.</param>
    /// <param name="interrupt">The exception that ends the run when <paramref name="cancellationToken"/> is cancelled, given the totals so far (it checkpoints the run first).</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    public static EpochStats Run(
        Func<TrainingPath> lastPath, int epoch, int epochs, int batches, long vectors, Func<int, BatchLoss> runBatch,
        EpochTotals totals, Action<EpochTotals>? afterBatch, Func<EpochTotals, Exception> interrupt, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        for (int b = totals.Batches; b < batches; b++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw interrupt(totals);
            }

            totals.Add(runBatch(b), lastPath());
            afterBatch?.Invoke(totals);
            if (b + 1 < batches)
            {
                progress?.Report(new TrainingProgress(epoch, epochs, b + 1, batches, null));
            }
        }

        var stats = new EpochStats(
            epoch, (totals.Reconstruction + totals.Sparsity) / batches, totals.Reconstruction / batches, totals.Sparsity / batches,
            (double)totals.ActiveCodes / vectors, Stopwatch.GetElapsedTime(started).TotalSeconds, batches, totals.SparseSteps);
        progress?.Report(new TrainingProgress(epoch, epochs, batches, batches, stats));
        return stats;
    }
}
