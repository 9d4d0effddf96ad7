namespace SaeLab.Numerics;

/// <summary>
/// The one entry point for single-precision matrix products (row-major, BLAS sgemm semantics). Every dense
/// product in SaeLab goes through here so that the kernel behind it can be replaced in one place.
/// </summary>
/// <remarks>
/// The default backend (<see cref="ComputeContext.Default"/>) is chosen by the environment variable <c>SAELAB_BLAS</c>: <c>managed</c> (the
/// default: <see cref="PackedGemm"/>, AVX-512, AVX2 or scalar by what the CPU offers) or <c>openblas</c> (the
/// system OpenBLAS, loaded at run time). Managed is the default because it matches OpenBLAS per core on the
/// training shapes, gives the same results on every machine with the same CPU features, and does not leave
/// OpenBLAS's worker threads spinning after each call, competing with the managed code that runs between
/// products. Each product uses up to the given <see cref="ComputeContext.Threads"/>.
/// </remarks>
public static class Gemm
{
    internal const string BackendVariable = "SAELAB_BLAS";

    /// <summary>The name <see cref="ComputeContext.BackendName"/> reports for <paramref name="backend"/>.</summary>
    internal static string NameOf(GemmBackend backend) =>
        backend == GemmBackend.OpenBlas ? "openblas" : GemmMicroKernel.Best.Name;

    /// <summary>
    /// C[m,n] = alpha · op(A)[m,k] · op(B)[k,n] + beta · C on <paramref name="compute"/>'s backend and threads; see
    /// <see cref="GemmReference.Multiply"/> for the exact definition of the arguments. With beta = 0, C is overwritten
    /// (NaN in C does not propagate).
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is smaller than its
    /// row width, or a span is too short for its matrix.</exception>
    /// <exception cref="SaeLabException">SAELAB_BLAS names an unknown or unavailable backend.</exception>
    public static void Multiply(
        ComputeContext compute, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        // CBLAS rejects the leading dimensions of empty operands that this API allows, so empty products stay managed.
        if (compute.Backend == GemmBackend.OpenBlas && m > 0 && n > 0 && k > 0)
            OpenBlas.Multiply(compute.Threads, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            PackedGemm.Multiply(GemmMicroKernel.Best, compute.Threads,
                transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>The backend for a SAELAB_BLAS value (null or empty: managed).</summary>
    internal static GemmBackend SelectBackend(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "managed" => GemmBackend.Managed,
        "openblas" => OpenBlas.IsAvailable
            ? GemmBackend.OpenBlas
            : throw new SaeLabException(
                $"{BackendVariable}=openblas, but no OpenBLAS library (libopenblas.so.0) could be loaded. " +
                $"Install it (Debian/Ubuntu: apt-get install libopenblas0) or set {BackendVariable}=managed."),
        _ => throw new SaeLabException(
            $"{BackendVariable} must be 'managed' or 'openblas', got '{setting}'."),
    };
}
