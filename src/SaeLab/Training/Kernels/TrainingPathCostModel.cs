namespace SaeLab.Training.Kernels;

/// <summary>
/// Chooses the path of each training step from the density of its codes. After the encoder, the dense path costs
/// four products of B·d·m multiply-adds at GEMM speed; the sparse path costs about four vector passes of d per
/// active code (decoder row, code gradient, decoder-gradient row, encoder-gradient column), which run several times
/// slower per multiply-add than a packed GEMM because they stream rows from L2/L3 instead of reusing registers.
/// </summary>
public static class TrainingPathCostModel
{
    /// <summary>
    /// The sparse path is taken when at most this fraction of the codes is active. Calibrated with
    /// <c>saelab bench</c>: on AVX-512 (2 cores, batch 256, d = 2048, m = 8192) the sparse step is faster up to about a tenth of the codes active.
    /// </summary>
    public const double SparseBelowDensity = 0.1;

    /// <summary>The cheaper path for a batch of <paramref name="batch"/> vectors × <paramref name="features"/> codes, <paramref name="active"/> of them &gt; 0.</summary>
    public static TrainingPath Choose(long active, int batch, int features) =>
        active <= SparseBelowDensity * batch * features ? TrainingPath.Sparse : TrainingPath.Dense;
}
