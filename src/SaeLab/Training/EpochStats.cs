using SaeLab.Training.Kernels;

namespace SaeLab.Training;

/// <summary>
/// One epoch's averages over its mini-batches, as the seed's loop logs the loss (the mean of the batch losses).
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean batch loss, <see cref="Reconstruction"/> + <see cref="Sparsity"/>.</param>
/// <param name="Reconstruction">Mean batch MSE(x̂, x), averaged over every element.</param>
/// <param name="Sparsity">Mean batch l1 · mean_batch Σ_f |z_f|.</param>
/// <param name="L0">
/// Mean number of codes with z &gt; 0 per vector, measured on the training batches as the weights move. The
/// evaluation's L0 counts |z| &gt; 1e-3 on the final weights (reference_pipeline.py's <c>validate</c>), so it is lower.
/// </param>
/// <param name="Seconds">Wall time of the epoch.</param>
/// <param name="Steps">Adam steps (mini-batches) in the epoch.</param>
/// <param name="SparseSteps">Steps that took the sparse path (<see cref="TrainingPath.Sparse"/>); the rest were dense.</param>
public readonly record struct EpochStats(
    int Epoch, double Loss, double Reconstruction, double Sparsity, double L0, double Seconds, int Steps, int SparseSteps);
