using System.Diagnostics;

namespace SaeLab.Numerics;

/// <summary>Measures the rate <see cref="Gemm.Multiply"/> achieves on one shape (for <c>saelab bench</c>).</summary>
public static class GemmThroughput
{
    private const int Seed = 20240611;

    /// <summary>
    /// Times C[m,n] = op(A) · op(B) on random operands, repeating for at least <paramref name="seconds"/> after
    /// one warm-up product on <paramref name="compute"/>, and reports GFLOP/s = 2·m·n·k · repetitions / elapsed.
    /// </summary>
    /// <exception cref="SaeLabException">A dimension is below 1, an operand exceeds the largest array, or
    /// <paramref name="seconds"/> is not positive.</exception>
    public static GemmThroughputResult Measure(ComputeContext compute, int m, int n, int k, bool transposeA, bool transposeB, double seconds)
    {
        Validate(m, n, k, seconds);
        var random = new Random(Seed);
        float[] a = RandomMatrix(random, (long)m * k);
        float[] b = RandomMatrix(random, (long)k * n);
        float[] c = new float[(long)m * n];
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;

        Gemm.Multiply(compute, transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
        int repetitions = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            Gemm.Multiply(compute, transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
            repetitions++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        double elapsed = clock.Elapsed.TotalSeconds;
        double gflops = 2.0 * m * n * k * repetitions / elapsed / 1e9;
        return new GemmThroughputResult(gflops, repetitions, elapsed, compute.BackendName, compute.Threads);
    }

    private static void Validate(int m, int n, int k, double seconds)
    {
        if (m < 1 || n < 1 || k < 1)
            throw new SaeLabException($"GEMM benchmark dimensions must be at least 1, got m={m}, n={n}, k={k}.");
        if ((long)m * k > Array.MaxLength || (long)k * n > Array.MaxLength || (long)m * n > Array.MaxLength)
            throw new SaeLabException($"GEMM benchmark shape m={m}, n={n}, k={k} has an operand larger than one array.");
        if (!(seconds > 0))
            throw new SaeLabException($"GEMM benchmark duration must be positive, got {seconds} s.");
    }

    /// <summary>Values uniform in [−1, 1).</summary>
    internal static float[] RandomMatrix(Random random, long length)
    {
        float[] values = GC.AllocateUninitializedArray<float>((int)length);
        for (int i = 0; i < values.Length; i++)
            values[i] = random.NextSingle() * 2 - 1;
        return values;
    }
}
