using System.Numerics;
using System.Numerics.Tensors;

namespace SaeLab.Numerics;

/// <summary>
/// output [n, cols] = bias + input [n, k] · weights [k, cols] when most of input is zero (an SAE decoder applied to
/// sparse codes): each row sums only the weight rows of its nonzero inputs, so the cost is nonzeros · cols rather
/// than n · k · cols. Rows are split across the context's threads; each output element sums its
/// terms in input order, so the result does not depend on the thread count. Agrees with
/// <see cref="Gemm.Multiply"/> to rounding (zero inputs contribute exact zeros there).
/// </summary>
public static unsafe class SparseRowProduct
{
    /// <summary>Above this fraction of nonzero inputs the dense GEMM is faster (see <c>saelab bench</c>'s calibration).</summary>
    public const double MaxDensity = 0.1;

    // Below this many multiply-adds per thread the product runs on the calling thread only.
    private const long MinMultiplyAddsPerThread = 1 << 16;

    [ThreadStatic]
    private static RowsJob? _job;

    /// <summary>
    /// Computes the product sparsely and returns true when at most <see cref="MaxDensity"/> of the inputs are nonzero;
    /// otherwise leaves <paramref name="output"/> untouched and returns false. An empty <paramref name="bias"/> means none.
    /// NaN or infinite inputs count as nonzero and propagate.
    /// </summary>
    public static bool TryAffine(
        ComputeContext compute, ReadOnlySpan<float> input, int n, int k, ReadOnlySpan<float> weights, int cols, ReadOnlySpan<float> bias, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Length, (long)n * k);
        ArgumentOutOfRangeException.ThrowIfLessThan(weights.Length, (long)k * cols);
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, (long)n * cols);
        long nonzeros = (long)n * k - CountZeros(input[..(n * k)]);
        if (nonzeros > MaxDensity * n * k)
        {
            return false;
        }

        int parts = (int)Math.Clamp((nonzeros + n) * cols / MinMultiplyAddsPerThread, 1, Math.Min(compute.Threads, Math.Max(n, 1)));
        fixed (float* pInput = input, pWeights = weights, pBias = bias, pOutput = output)
        {
            var job = _job ??= new RowsJob();
            job.Set(pInput, n, k, pWeights, cols, pBias, bias.Length, pOutput, parts);
            ComputeWorkers.Run(parts, job);
        }

        return true;
    }

    private static long CountZeros(ReadOnlySpan<float> values)
    {
        long zeros = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Lane counts are flushed every 2^20 vectors, so no int lane can overflow.
            while (i <= values.Length - Vector<float>.Count)
            {
                Vector<int> lanes = Vector<int>.Zero;
                int end = (int)Math.Min(values.Length - Vector<float>.Count, i + (long)Vector<float>.Count * (1 << 20));
                for (; i <= end; i += Vector<float>.Count)
                    lanes -= Vector.Equals(new Vector<float>(values[i..]), Vector<float>.Zero);
                zeros += Vector.Sum(lanes);
            }
        }

        for (; i < values.Length; i++)
            zeros += values[i] == 0 ? 1 : 0;
        return zeros;
    }

    private sealed class RowsJob : IParallelJob
    {
        private float* _input;
        private int _n;
        private int _k;
        private float* _weights;
        private int _cols;
        private float* _bias;
        private int _biasLength;
        private float* _output;
        private int _parts;

        public void Set(float* input, int n, int k, float* weights, int cols, float* bias, int biasLength, float* output, int parts)
        {
            _input = input;
            _weights = weights;
            _bias = bias;
            _output = output;
            (_n, _k, _cols, _biasLength, _parts) = (n, k, cols, biasLength, parts);
        }

        public void RunPart(int part)
        {
            int first = (int)((long)_n * part / _parts), end = (int)((long)_n * (part + 1) / _parts);
            for (int row = first; row < end; row++)
            {
                var output = new Span<float>(_output + (long)row * _cols, _cols);
                if (_biasLength == 0)
                    output.Clear();
                else
                    new ReadOnlySpan<float>(_bias, _cols).CopyTo(output);

                var input = new ReadOnlySpan<float>(_input + (long)row * _k, _k);
                for (int i = 0; i < _k; i++)
                {
                    if (input[i] != 0)
                        TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(_weights + (long)i * _cols, _cols), input[i], output, output);
                }
            }
        }
    }
}
