using System.Runtime.InteropServices;

namespace SaeLab.Numerics;

/// <summary>
/// The system OpenBLAS, when one is installed, reached through its CBLAS interface (cblas_sgemm) by run-time
/// loading: nothing links against it and everything works without it. Only OpenBLAS names are tried, because a
/// generic libcblas may be the unoptimised netlib reference and slower than the managed kernel.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTranspose = 111;
    private const int Transpose = 112;

    private static readonly string[] LibraryNames =
        ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll", "openblas"];

    // cblas_sgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc), 32-bit integers (LP64).
    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;
    private static readonly delegate* unmanaged<int, void> SetThreadCount;
    private static int _threadsSet;

    static OpenBlas()
    {
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle) &&
                NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm))
            {
                Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
                if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
                    SetThreadCount = (delegate* unmanaged<int, void>)setThreads;
                return;
            }
        }
    }

    /// <summary>Whether an OpenBLAS library with cblas_sgemm was found.</summary>
    public static bool IsAvailable => Sgemm != null;

    /// <summary>
    /// The same product as <see cref="GemmReference.Multiply"/>, on <paramref name="threads"/> threads.
    /// Requires <see cref="IsAvailable"/> and m, n, k ≥ 1 (CBLAS rejects leading dimensions of 0).
    /// </summary>
    public static void Multiply(
        int threads, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (SetThreadCount != null && Interlocked.Exchange(ref _threadsSet, threads) != threads)
            SetThreadCount(threads);

        fixed (float* pa = a, pb = b, pc = c)
        {
            Sgemm(RowMajor, transposeA ? Transpose : NoTranspose, transposeB ? Transpose : NoTranspose,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }
}
