using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;

namespace SaeLab.Training;

/// <summary>
/// The running sums of an epoch's batches, kept so that a run resumed mid-epoch (<see cref="TrainingCheckpoint"/>)
/// logs the same epoch statistics as an uninterrupted one.
/// </summary>
public sealed class EpochTotals
{
    /// <summary>Batches finished in the epoch.</summary>
    public int Batches { get; set; }

    /// <summary>Sum of the finished batches' reconstruction losses.</summary>
    public double Reconstruction { get; set; }

    /// <summary>Sum of the finished batches' sparsity losses.</summary>
    public double Sparsity { get; set; }

    /// <summary>Sum of the finished batches' active codes.</summary>
    public long ActiveCodes { get; set; }

    /// <summary>Finished batches that took the sparse path.</summary>
    public int SparseSteps { get; set; }

    /// <summary>Adds one finished batch.</summary>
    public void Add(BatchLoss loss, TrainingPath path)
    {
        Batches++;
        Reconstruction += loss.Reconstruction;
        Sparsity += loss.Sparsity;
        ActiveCodes += loss.ActiveCodes;
        SparseSteps += path == TrainingPath.Sparse ? 1 : 0;
    }
}
