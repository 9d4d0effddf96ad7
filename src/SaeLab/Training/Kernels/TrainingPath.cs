namespace SaeLab.Training.Kernels;

/// <summary>How one training step computes the products after the encoder; both give the same mathematics.</summary>
public enum TrainingPath
{
    /// <summary>Dense matrix products through <see cref="Numerics.Gemm"/>: best while most codes are active.</summary>
    Dense,

    /// <summary>Products over the active codes only (<see cref="SparseTrainingKernels"/>): best once the codes are sparse.</summary>
    Sparse,
}
