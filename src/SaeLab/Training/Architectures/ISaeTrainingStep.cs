using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// One optimiser step of one SAE architecture on one mini-batch: the trainer's only view of an architecture.
/// Implementations allocate their per-batch buffers once and update <see cref="Model"/> in place.
/// </summary>
public interface ISaeTrainingStep
{
    /// <summary>The SAE being trained, as it is saved and used for inference.</summary>
    DictionarySae Model { get; }

    /// <summary>The optimiser that owns every trainable parameter of <see cref="Model"/> (schedules set its learning rate).</summary>
    AdamOptimizer Optimizer { get; }

    /// <summary>
    /// Factor on the sparsity coefficient (<see cref="SaeTrainingConfig.L1"/>) for the next steps, in [0, 1]: the L1
    /// warm-up's ramp. 1 by default; architectures without a sparsity penalty ignore it.
    /// </summary>
    double SparsityScale { get; set; }

    /// <summary>
    /// Whether the step's whole training state is <see cref="Optimizer"/>'s parameters and Adam moments, so that a
    /// checkpoint restores it exactly (<see cref="TrainingCheckpoint"/>). Steps with more (the TopK family's
    /// dead-feature counters, BatchTopK's running threshold) cannot resume.
    /// </summary>
    bool Resumable { get; }

    /// <summary>
    /// Trains on the vectors <paramref name="rows"/> of <paramref name="values"/> [N, d] (1 ≤ rows ≤ the batch
    /// capacity): loss and gradients at the current weights, then one Adam step. Returns the loss before the step.
    /// </summary>
    BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows);

    /// <summary>The codes [rows, d_sae] of the last <see cref="Step"/>'s batch, at the weights before its update (empty before the first).</summary>
    ReadOnlySpan<float> LastCodes { get; }

    /// <summary>Whether the last <see cref="Step"/> took the dense or the sparse path (every architecture has both; the cost model picks per batch).</summary>
    TrainingPath LastPath { get; }
}
