namespace SaeLab.Training.Architectures;

/// <summary>
/// A loss on the codes z added to an architecture's objective (a supervised SAE's head, <see cref="Supervised.HeadLoss"/>).
/// The step asks it for dL/dz on each batch right after its reconstruction backward pass and adds that where the codes
/// take a gradient (the active codes for ReLU and the TopK family, JumpReLU's straight-through window, the gated SAE's
/// open gates), so the term reaches the encoder through the activation exactly as the reconstruction's does, on the dense
/// and the sparse path alike. Entries outside those would be multiplied by a zero derivative anyway.
/// </summary>
public interface ICodeLoss
{
    /// <summary>dL/dz [batch, d_sae] of the loss at <paramref name="codes"/> [batch, d_sae], the weights before the step's update.</summary>
    ReadOnlySpan<float> Backward(ReadOnlySpan<float> codes, int batch);
}
