using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;

namespace SaeLab.Training.Architectures;

/// <summary>
/// The training step TopK, BatchTopK and Matryoshka SAEs share: pre = x'·W_enc + b_enc (x' = x − b_dec by default, as
/// dictionary_learning and sparsify encode), codes = a top-k selection of ReLU(pre), loss = reconstruction + AuxK
/// (<see cref="AuxKLoss"/>), the reconstruction per vector by default so that α means dictionary_learning's α. The selection is piecewise the identity on the
/// kept codes, so dL/dpre = dL/dz · [z &gt; 0]. <see cref="BatchLoss.Sparsity"/> reports α·L_aux.
/// </summary>
public abstract class TopKFamilyTrainingStep : DictionaryTrainingStep
{
    private readonly float[] _bEnc;

    protected TopKFamilyTrainingStep(DictionarySae model, float[] bEnc, SaeTrainingConfig config, ComputeContext compute, int batchCapacity)
        : base(model, config, compute, batchCapacity, bEnc)
    {
        _bEnc = bEnc;
        K = config.K ?? throw new SaeLabException($"--arch {config.Architecture} needs --k");
        AuxK = new AuxKLoss(compute, model.DIn, model.DSae, batchCapacity, config.AuxKCoefficient, config.DeadTokens);
    }

    /// <summary>Features kept per input (on average over the batch for BatchTopK).</summary>
    public int K { get; }

    /// <summary>The auxiliary loss and its dead-feature counts.</summary>
    public AuxKLoss AuxK { get; }

    protected float[] GradBEnc => Gradients[3];

    protected override BatchLoss ForwardBackward(int batch)
    {
        int m = Model.DSae;
        Span<float> z = Codes.AsSpan(0, batch * m);
        Span<float> dz = CodeGradients.AsSpan(0, batch * m);
        Encode(batch, _bEnc);
        PreActivations.AsSpan(0, z.Length).CopyTo(z);
        Select(z, batch);
        double reconstruction = ReconstructionLossBackward(batch);
        AddCodeLossGradient(batch);
        TrainingKernels.ReluL1Backward(z, dz, 0f);
        double auxiliary = AuxK.AddGradients(PreActivations, z, Errors, batch, Model.WDec, GradWDec, CodeGradients, SparsePass, ForcedPath);
        TrainingKernels.ColumnSums(dz, batch, m, GradBEnc);
        EncoderWeightBackward(batch);
        return new BatchLoss(reconstruction, auxiliary, TrainingKernels.CountPositive(z));
    }

    /// <summary>Turns pre-activations [batch, m] into codes in place.</summary>
    protected abstract void Select(Span<float> codes, int batch);

    /// <summary>
    /// The reconstruction loss of <see cref="DictionaryTrainingStep.Codes"/> with dW_dec, db_dec and dL/dz; must leave
    /// the full reconstruction's x̂ − x in <see cref="DictionaryTrainingStep.Errors"/> for AuxK.
    /// </summary>
    protected virtual double ReconstructionLossBackward(int batch) => ReconstructionBackward(batch);

    /// <summary>Adds AuxK's dead-feature counts.</summary>
    public override void SaveState(TrainingStepState state)
    {
        base.SaveState(state);
        AuxK.Dead.Save(state, AuxKDeadState);
    }

    /// <inheritdoc/>
    public override void RestoreState(TrainingStepState state)
    {
        base.RestoreState(state);
        AuxK.Dead.Restore(state, AuxKDeadState);
    }

    private const string AuxKDeadState = "aux_k.vectors_since_fired";
}
