using SaeLab.Training.Kernels;

namespace SaeLab.Training.Architectures;

/// <summary>
/// Every buffer one training step of a d → m ReLU SAE needs, sized once for a batch capacity and reused by
/// every batch of the run: the step allocates nothing. Names carry shapes (B = batch capacity).
/// </summary>
public sealed class TrainingWorkspace
{
    /// <summary>The buffers for batches of up to <paramref name="batchCapacity"/>; when the encoder sees x − b_dec (<paramref name="centresInputs"/>), <see cref="EncoderInputs"/> is a buffer of its own.</summary>
    public TrainingWorkspace(int dIn, int dSae, int batchCapacity, bool centresInputs = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        BatchCapacity = batchCapacity;
        Inputs = new float[checked(batchCapacity * dIn)];
        EncoderInputs = centresInputs ? new float[Inputs.Length] : Inputs;
        Codes = new float[checked(batchCapacity * dSae)];
        Residuals = new float[Inputs.Length];
        CodeGradients = new float[Codes.Length];
        GradWEnc = new float[checked(dIn * dSae)];
        GradBEnc = new float[dSae];
        GradWDec = new float[GradWEnc.Length];
        GradBDec = new float[dIn];
        PackedInputs = new float[checked((dIn + SparseTrainingKernels.BlockRows - 1) / SparseTrainingKernels.BlockRows * batchCapacity * SparseTrainingKernels.BlockRows)];
        RowSquares = new float[batchCapacity];
        RowCodeSums = new float[batchCapacity];
    }

    /// <summary>Most vectors a batch may hold.</summary>
    public int BatchCapacity { get; }

    /// <summary>x [B, d]: the batch's vectors, gathered from the data.</summary>
    public float[] Inputs { get; }

    /// <summary>x' [B, d]: what the encoder sees, x − b_dec when it centres, else <see cref="Inputs"/> itself.</summary>
    public float[] EncoderInputs { get; }

    /// <summary>z [B, m]: the codes, ReLU(x'·W_enc + b_enc).</summary>
    public float[] Codes { get; }

    /// <summary>[B, d]: x̂, then x̂ − x, then dL/dx̂.</summary>
    public float[] Residuals { get; }

    /// <summary>[B, m]: dL/dz, then dL/dpre after the ReLU mask.</summary>
    public float[] CodeGradients { get; }

    /// <summary>dL/dW_enc [d, m].</summary>
    public float[] GradWEnc { get; }

    /// <summary>dL/db_enc [m].</summary>
    public float[] GradBEnc { get; }

    /// <summary>dL/dW_dec [m, d].</summary>
    public float[] GradWDec { get; }

    /// <summary>dL/db_dec [d].</summary>
    public float[] GradBDec { get; }

    /// <summary>x' in blocks of 16 input dimensions, [⌈d/16⌉, B, 16] (sparse path; <see cref="SparseTrainingKernels.PackBlocks"/>).</summary>
    public float[] PackedInputs { get; }

    /// <summary>[B]: Σ_i (x̂ − x)² of each vector (sparse path; summed in order into the loss).</summary>
    public float[] RowSquares { get; }

    /// <summary>[B]: Σ_f z of each vector (sparse path).</summary>
    public float[] RowCodeSums { get; }
}
