using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Architectures;

/// <summary>
/// One optimiser step of one SAE architecture on one mini-batch: the trainer's only view of an architecture.
/// Implementations allocate their per-batch buffers once and update <see cref="Model"/> in place.
/// </summary>
public interface ISaeTrainingStep
{
    /// <summary>The SAE being trained, as it is saved and used for inference.</summary>
    DictionarySae Model { get; }

    /// <summary>The threads and backend its products and kernels run on, fixed when it was created.</summary>
    ComputeContext Compute { get; }

    /// <summary>The optimiser that owns every trainable parameter of <see cref="Model"/> (schedules set its learning rate).</summary>
    AdamOptimizer Optimizer { get; }

    /// <summary>
    /// Factor on the sparsity coefficient (<see cref="SaeTrainingConfig.L1"/>) for the next steps, in [0, 1]: the L1
    /// warm-up's ramp. 1 by default; architectures without a sparsity penalty ignore it.
    /// </summary>
    double SparsityScale { get; set; }

    /// <summary>
    /// A loss on the codes the next steps add to the architecture's own (supervision's head), or null for none: its dL/dz
    /// joins the reconstruction's before the activation's backward pass.
    /// </summary>
    ICodeLoss? CodeLoss { get; set; }

    /// <summary>
    /// Trains on the vectors <paramref name="rows"/> of <paramref name="values"/> [N, d] (1 ≤ rows ≤ the batch
    /// capacity): loss and gradients at the current weights, then one Adam step. Returns the loss before the step.
    /// </summary>
    BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows);

    /// <summary>The codes [rows, d_sae] of the last <see cref="Step"/>'s batch, at the weights before its update (empty before the first).</summary>
    ReadOnlySpan<float> LastCodes { get; }

    /// <summary>Whether the last <see cref="Step"/> took the dense or the sparse path (every architecture has both; the cost model picks per batch).</summary>
    TrainingPath LastPath { get; }

    /// <summary>
    /// Adds the step's training state beyond <see cref="Optimizer"/>'s parameters and Adam moments (dead-feature
    /// counters, running thresholds; nothing when there is none) to <paramref name="state"/>, for a
    /// <see cref="TrainingCheckpoint"/>: with it a resumed run continues bit for bit.
    /// </summary>
    void SaveState(TrainingStepState state);

    /// <summary>
    /// Restores what <see cref="SaveState"/> added, after the checkpoint's parameters and Adam moments have been loaded
    /// into <see cref="Optimizer"/>, and re-derives what <see cref="Model"/> computes from the trained parameters
    /// (JumpReLU's threshold from its logarithm).
    /// </summary>
    void RestoreState(TrainingStepState state);
}
