using System.Numerics;
using System.Runtime.CompilerServices;
using SaeLab.Numerics;

namespace SaeLab.Probing.Classifier;

/// <summary>
/// The two products of a linear classifier's loss on float32 features with float64 weights and float64
/// accumulation: scores = X·Wᵀ and the gradient Rᵀ·X. They do not go through <see cref="Numerics.Gemm"/>
/// because it returns float32: a float32 gradient stalls L-BFGS near the 1e-4 gradient tolerance and departs from
/// scikit-learn's float64 path. Both are memory-bound on probe shapes (a few classes, ~10⁵ features), so they
/// stream X once per call in column blocks, split over cores with each output element owned by one thread
/// (results do not depend on the thread count). <see cref="LinearScoresReference"/> is the naive twin.
/// </summary>
public static class LinearScores
{
    private const int BlockColumns = 2048;

    /// <summary>scores [n, k] = x [n, d] · w[:, 0..d)ᵀ, where w is [k, stride ≥ d].</summary>
    public static unsafe void Scores(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<double> w, int k, int stride, Span<double> scores)
    {
        CheckShapes(x.Length, n, d, w.Length, k, stride, scores.Length, n * k);
        scores[..(n * k)].Clear();
        fixed (float* xp = x)
        fixed (double* wp = w, sp = scores)
        {
            nint xa = (nint)xp, wa = (nint)wp, sa = (nint)sp;
            Parallel.For(0, RowChunks(n), OnCurrentThreads(), chunk =>
            {
                var (first, end) = ChunkRange(chunk, n);
                ScoreRows((float*)xa, first, end, d, (double*)wa, k, stride, (double*)sa);
            });
        }
    }

    /// <summary>g[:, 0..d) = r [n, k]ᵀ · x [n, d] (overwritten), where g is [k, stride ≥ d]; g[:, d..stride) is left as is.</summary>
    public static unsafe void Gradient(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<double> r, int k, Span<double> g, int stride)
    {
        CheckShapes(x.Length, n, d, g.Length, k, stride, r.Length, n * k);
        fixed (float* xp = x)
        fixed (double* rp = r, gp = g)
        {
            nint xa = (nint)xp, ra = (nint)rp, ga = (nint)gp;
            Parallel.For(0, (d + BlockColumns - 1) / BlockColumns, OnCurrentThreads(), block =>
                GradientColumns((float*)xa, n, d, (double*)ra, k, (double*)ga, stride, block * BlockColumns));
        }
    }

    private static ParallelOptions OnCurrentThreads() => new() { MaxDegreeOfParallelism = ComputeContext.Current.Threads };

    // The hot loops are compiled fully optimised at once: tier-0 code of Vector<T> loops is ~10x slower, and a
    // probe calls these only a few dozen times, too few for tiered compilation to promote them in time.

    /// <summary>scores[first..end, :] += x[first..end, :] · wᵀ, in column blocks so a block of w stays in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ScoreRows(float* x, int first, int end, int d, double* w, int k, int stride, double* scores)
    {
        for (int c0 = 0; c0 < d; c0 += BlockColumns)
        {
            int width = Math.Min(BlockColumns, d - c0);
            for (int i = first; i < end; i++)
            {
                var row = new ReadOnlySpan<float>(x + (long)i * d + c0, width);
                for (int c = 0; c < k; c++)
                {
                    scores[i * k + c] += Dot(row, new ReadOnlySpan<double>(w + (long)c * stride + c0, width));
                }
            }
        }
    }

    /// <summary>g[:, c0..c0 + block) = rᵀ · x[:, c0..c0 + block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void GradientColumns(float* x, int n, int d, double* r, int k, double* g, int stride, int c0)
    {
        int width = Math.Min(BlockColumns, d - c0);
        for (int c = 0; c < k; c++)
        {
            new Span<double>(g + (long)c * stride + c0, width).Clear();
        }

        for (int i = 0; i < n; i++)
        {
            var row = new ReadOnlySpan<float>(x + (long)i * d + c0, width);
            for (int c = 0; c < k; c++)
            {
                AddScaled(row, r[i * k + c], new Span<double>(g + (long)c * stride + c0, width));
            }
        }
    }

    /// <summary>Σ a_j·b_j with a widened to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<double> b)
    {
        int j = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero;
            for (; j <= a.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(a[j..]), out Vector<double> low, out Vector<double> high);
                acc0 += low * new Vector<double>(b[j..]);
                acc1 += high * new Vector<double>(b[(j + Vector<double>.Count)..]);
            }

            sum = Vector.Sum(acc0 + acc1);
        }

        for (; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    /// <summary>y += alpha · a, with a widened to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(ReadOnlySpan<float> a, double alpha, Span<double> y)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<double>(alpha);
            for (; j <= a.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(a[j..]), out Vector<double> low, out Vector<double> high);
                (new Vector<double>(y[j..]) + low * scale).CopyTo(y[j..]);
                (new Vector<double>(y[(j + Vector<double>.Count)..]) + high * scale).CopyTo(y[(j + Vector<double>.Count)..]);
            }
        }

        for (; j < a.Length; j++)
        {
            y[j] += alpha * a[j];
        }
    }

    private static int RowChunks(int n) => Math.Max(1, Math.Min(n, Environment.ProcessorCount * 4));

    private static (int First, int End) ChunkRange(int chunk, int n)
    {
        int chunks = RowChunks(n);
        return ((int)((long)chunk * n / chunks), (int)((long)(chunk + 1) * n / chunks));
    }

    private static void CheckShapes(long xLength, int n, int d, long wLength, int k, int stride, long otherLength, long otherNeeded)
    {
        if (n < 0 || d < 0 || k < 0 || stride < d || xLength < (long)n * d || wLength < (long)k * stride || otherLength < otherNeeded)
        {
            throw new ArgumentException($"shapes do not fit: x {xLength} for [{n}, {d}], weights {wLength} for [{k}, {stride}], other {otherLength} for {otherNeeded}");
        }
    }
}
