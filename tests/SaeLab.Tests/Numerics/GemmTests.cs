using SaeLab.Numerics;

namespace SaeLab.Tests.Numerics;

/// <summary>
/// The packed sgemm (each micro-kernel, default and tiny cache blocks, one and two threads) against the naive
/// <see cref="GemmReference"/> over every remainder of the tile sizes, the four transpose combinations, alpha/beta
/// variants and padded leading dimensions.
/// </summary>
public class GemmTests
{
    // Float32 unit roundoff 2⁻²⁴. A k-term dot product in float, with alpha folded into A and beta·C added by
    // one FMA, is within (k + 2)·u of the sum of absolute terms (Higham, Accuracy and Stability of Numerical
    // Algorithms, §3.1); the factor 2 covers the reference's own rounding to float.
    private const double UnitRoundoff = 1.0 / (1 << 24);
    private const double SafetyFactor = 2;

    private static readonly int[] AwkwardSizes = [0, 1, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 255, 257];

    private static readonly (float Alpha, float Beta)[] Scalings = [(1f, 0f), (-0.5f, 1f), (2f, -0.75f)];

    public static TheoryData<string, bool, bool> KernelsAndTransposes()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var kernel in new[] { "avx512", "avx2", "scalar" })
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                    data.Add(kernel, transposeA, transposeB);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndTransposes))]
    public void PackedMatchesReferenceOverAwkwardShapes(string kernelName, bool transposeA, bool transposeB)
    {
        var kernel = Kernel(kernelName);
        if (!kernel.IsSupported)
            return;

        // Tiny blocks make every loop of the nest (Mc, Kc, Nc) run several times with a ragged last block.
        var tinyBlocks = kernel.WithBlocking(kc: 5, mc: 2 * kernel.Mr, nc: 2 * kernel.Nr);
        var random = new Random(17);
        int variant = 0;
        foreach (var (m, n, k) in Shapes())
        {
            var (alpha, beta) = Scalings[variant % Scalings.Length];
            int padding = variant % 2 == 0 ? 0 : 3;
            var blocking = variant % 2 == 0 ? kernel : tinyBlocks;
            int threads = 1 + variant % 3 / 2;
            var product = RandomProduct(random, transposeA, transposeB, m, n, k, alpha, beta, padding);
            product.AssertPackedMatchesReference(blocking, threads);
            variant++;
        }
    }

    [Theory]
    [InlineData("avx512")]
    [InlineData("avx2")]
    [InlineData("scalar")]
    public void BetaZeroOverwritesNaNInC(string kernelName)
    {
        var kernel = Kernel(kernelName);
        if (!kernel.IsSupported)
            return;

        foreach (var (m, n, k) in new[] { (kernel.Mr, kernel.Nr, 9), (kernel.Mr + 3, kernel.Nr + 5, 9) })
        {
            var product = RandomProduct(new Random(3), false, false, m, n, k, 1.5f, 0f, padding: 2);
            product.C.AsSpan().Fill(float.NaN);
            product.AssertPackedMatchesReference(kernel, threads: 1);
            float[] c = product.Result(kernel, 1);
            for (int i = 0; i < m; i++)
                Assert.DoesNotContain(c.AsSpan(i * product.Ldc, n).ToArray(), float.IsNaN);
        }
    }

    [Fact]
    public void EmptyDepthScalesCByBeta()
    {
        float[] c = [1f, 2f, 3f, 4f, float.NaN, 6f];
        Gemm.Multiply(ComputeContext.Current, false, false, 2, 3, 0, 1f, [], 0, [], 3, 0.5f, c, 3);
        Assert.Equal([0.5f, 1f, 1.5f, 2f, float.NaN, 3f], c);

        Gemm.Multiply(ComputeContext.Current, false, false, 2, 3, 0, 1f, [], 0, [], 3, 0f, c, 3);
        Assert.All(c, value => Assert.Equal(0f, value));
    }

    // Large enough (≥ 2²³ multiply-adds) to be split across two threads, by columns when n ≥ m, else by rows.
    [Theory]
    [InlineData(160, 320, 170)]
    [InlineData(320, 96, 280)]
    [InlineData(4, 2000, 1100)]
    [InlineData(2000, 4, 1100)]
    public void ThreadedProductsMatchReference(int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                var product = RandomProduct(new Random(5), transposeA, transposeB, m, n, k, 0.75f, 0.25f, padding: 1);
                product.AssertPackedMatchesReference(GemmMicroKernel.Best, threads: 2);
                product.AssertMatches(product.GemmResult(), $"Gemm.Multiply on {ComputeContext.Current.BackendName}");
            }
        }
    }

    [Fact]
    public void OpenBlasMatchesReferenceWhenInstalled()
    {
        if (!OpenBlas.IsAvailable)
            return;

        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                var product = RandomProduct(new Random(9), transposeA, transposeB, 33, 65, 17, -1.25f, 0.5f, padding: 2);
                product.AssertMatches(product.OpenBlasResult());
            }
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeAnyMemoryIsTouched()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(ComputeContext.Current, false, false, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(ComputeContext.Current, false, false, 2, 2, 4, 1f, a, 4, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(ComputeContext.Current, false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(ComputeContext.Current, false, false, -1, 2, 3, 1f, a, 3, b, 2, 0f, c, 2));
    }

    [Fact]
    public void BackendSettingIsValidated()
    {
        Assert.Equal(GemmBackend.Managed, Gemm.SelectBackend(null));
        Assert.Equal(GemmBackend.Managed, Gemm.SelectBackend("managed"));
        Assert.Equal(GemmBackend.Managed, Gemm.SelectBackend(" Managed "));
        var unknown = Assert.Throws<SaeLabException>(() => Gemm.SelectBackend("mkl"));
        Assert.Contains("'managed' or 'openblas'", unknown.Message);
        if (OpenBlas.IsAvailable)
            Assert.Equal(GemmBackend.OpenBlas, Gemm.SelectBackend("openblas"));
        else
            Assert.Throws<SaeLabException>(() => Gemm.SelectBackend("openblas"));
    }

    [Fact]
    public void ThreadCountBelowOneIsRejected()
    {
        var error = Assert.Throws<SaeLabException>(() => ComputeContext.Default.WithThreads(0));
        Assert.Contains("--threads", error.Message);
    }

    [Fact]
    public async Task AScopeSetsTheCurrentContextForItsFlowOnly()
    {
        ComputeContext outer = ComputeContext.Current;
        ComputeContext one = outer.WithThreads(1), two = outer.WithThreads(2);
        using (one.Use())
        {
            Assert.Same(one, ComputeContext.Current);
            using (two.Use())
            {
                Assert.Same(two, ComputeContext.Current);
                // A task started inside the scope sees it; one started elsewhere would not.
                Assert.Same(two, await Task.Run(() => ComputeContext.Current));
            }

            Assert.Same(one, ComputeContext.Current);
        }

        Assert.Same(outer, ComputeContext.Current);
        Assert.Same(outer, outer.WithThreads(null));
    }

    private static GemmMicroKernel Kernel(string name) => name switch
    {
        "avx512" => GemmMicroKernel.Vector512Kernel,
        "avx2" => GemmMicroKernel.Vector256Kernel,
        _ => GemmMicroKernel.ScalarKernel,
    };

    // Each awkward size in each dimension, the others held at sizes that leave partial tiles, plus a few
    // products large enough to be split across threads.
    private static IEnumerable<(int M, int N, int K)> Shapes()
    {
        foreach (int size in AwkwardSizes)
        {
            yield return (size, 19, 23);
            yield return (13, size, 29);
            yield return (11, 37, size);
        }

        yield return (65, 129, 33);
        yield return (257, 65, 17);
        yield return (129, 257, 31);
    }

    private static GemmCase RandomProduct(
        Random random, bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta, int padding)
    {
        int lda = (transposeA ? m : k) + padding;
        int ldb = (transposeB ? k : n) + padding;
        int ldc = n + padding;
        return new GemmCase(transposeA, transposeB, m, n, k, alpha, beta,
            RandomValues(random, (transposeA ? k : m) * lda), lda,
            RandomValues(random, (transposeB ? n : k) * ldb), ldb,
            RandomValues(random, m * ldc), ldc);
    }

    private static float[] RandomValues(Random random, int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = random.NextSingle() * 2 - 1;
        return values;
    }

    private sealed record GemmCase(
        bool TransposeA, bool TransposeB, int M, int N, int K, float Alpha, float Beta,
        float[] A, int Lda, float[] B, int Ldb, float[] C, int Ldc)
    {
        public float[] Result(GemmMicroKernel kernel, int threads)
        {
            float[] c = (float[])C.Clone();
            PackedGemm.Multiply(kernel, threads, TransposeA, TransposeB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc);
            return c;
        }

        public float[] GemmResult()
        {
            float[] c = (float[])C.Clone();
            Gemm.Multiply(ComputeContext.Current, TransposeA, TransposeB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc);
            return c;
        }

        public float[] OpenBlasResult()
        {
            float[] c = (float[])C.Clone();
            OpenBlas.Multiply(2, TransposeA, TransposeB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc);
            return c;
        }

        public void AssertPackedMatchesReference(GemmMicroKernel kernel, int threads) =>
            AssertMatches(Result(kernel, threads), $"{kernel.Name} Kc={kernel.Kc} threads={threads}");

        // Every element within the forward error bound of the reference; padding between rows untouched.
        public void AssertMatches(float[] actual, string what = "")
        {
            float[] expected = (float[])C.Clone();
            GemmReference.Multiply(TransposeA, TransposeB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, expected, Ldc);
            float[] magnitude = AbsoluteMagnitude();
            double tolerance = SafetyFactor * (K + 2) * UnitRoundoff;
            for (int index = 0; index < expected.Length; index++)
            {
                bool inside = index % Ldc < N;
                double allowed = inside ? tolerance * magnitude[index] : 0;
                if (!(Math.Abs(actual[index] - expected[index]) <= allowed) && !(float.IsNaN(expected[index]) && float.IsNaN(actual[index])))
                {
                    Assert.Fail($"{what} transA={TransposeA} transB={TransposeB} m={M} n={N} k={K} alpha={Alpha} " +
                        $"beta={Beta} ld=({Lda},{Ldb},{Ldc}): C[{index / Ldc},{index % Ldc}] = {actual[index]}, " +
                        $"expected {expected[index]} ± {allowed:G3}");
                }
            }
        }

        // |alpha|·|op(A)|·|op(B)| + |beta|·|C|: the scale of the rounding error in each element.
        private float[] AbsoluteMagnitude()
        {
            float[] magnitude = Array.ConvertAll(C, Math.Abs);
            GemmReference.Multiply(TransposeA, TransposeB, M, N, K, Math.Abs(Alpha),
                Array.ConvertAll(A, Math.Abs), Lda, Array.ConvertAll(B, Math.Abs), Ldb, Math.Abs(Beta), magnitude, Ldc);
            return magnitude;
        }
    }
}
