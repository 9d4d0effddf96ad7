using SaeLab.Training.Optimization;

namespace SaeLab.Training.Kernels;

/// <summary>
/// Naive scalar twins of <see cref="TrainingKernels"/>: the definition the vector kernels are tested against,
/// and the tails those kernels finish with (from index <c>start</c>).
/// </summary>
public static class TrainingKernelsReference
{
    /// <summary>Scalar <see cref="TrainingKernels.AdamUpdate(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, double, int)"/>.</summary>
    public static void AdamUpdate(Span<float> param, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, double learningRate, int step) =>
        AdamUpdateRange(param, grad, m, v, AdamScalars.For(learningRate, step), 0);

    /// <summary>Scalar <see cref="TrainingKernels.ReluL1Backward"/>.</summary>
    public static void ReluL1Backward(ReadOnlySpan<float> codes, Span<float> gradient, float l1Scale) =>
        ReluL1BackwardRange(codes, gradient, l1Scale, 0);

    /// <summary>Scalar <see cref="TrainingKernels.ReluWeightedL1Backward"/>: codes and gradient [B, m], featureWeights [m].</summary>
    public static void ReluWeightedL1Backward(ReadOnlySpan<float> codes, Span<float> gradient, float l1Scale, ReadOnlySpan<float> featureWeights)
    {
        int m = featureWeights.Length;
        for (int row = 0; m > 0 && row < codes.Length; row += m)
        {
            ReluWeightedL1BackwardRange(codes.Slice(row, m), gradient.Slice(row, m), l1Scale, featureWeights, 0);
        }
    }

    /// <summary>Scalar <see cref="TrainingKernels.CountPositive"/>.</summary>
    public static long CountPositive(ReadOnlySpan<float> values) => CountPositiveRange(values, 0);

    internal static void AdamUpdateRange(Span<float> param, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, AdamScalars s, int start)
    {
        for (int i = start; i < param.Length; i++)
        {
            float g = grad[i];
            m[i] = m[i] * TrainingKernels.Beta1 + TrainingKernels.OneMinusBeta1 * g;
            v[i] = v[i] * TrainingKernels.Beta2 + TrainingKernels.OneMinusBeta2 * g * g;
            float denominator = MathF.Sqrt(v[i]) / s.BiasCorrection2Sqrt + TrainingKernels.Epsilon;
            param[i] += s.NegativeStepSize * m[i] / denominator;
        }
    }

    internal static void ReluL1BackwardRange(ReadOnlySpan<float> codes, Span<float> gradient, float l1Scale, int start)
    {
        for (int i = start; i < codes.Length; i++)
        {
            gradient[i] = codes[i] > 0 ? gradient[i] + l1Scale : 0;
        }
    }

    internal static void ReluWeightedL1BackwardRange(ReadOnlySpan<float> codes, Span<float> gradient, float l1Scale, ReadOnlySpan<float> featureWeights, int start)
    {
        for (int f = start; f < codes.Length; f++)
        {
            gradient[f] = codes[f] > 0 ? gradient[f] + l1Scale * featureWeights[f] : 0;
        }
    }

    internal static long CountPositiveRange(ReadOnlySpan<float> values, int start)
    {
        long count = 0;
        for (int i = start; i < values.Length; i++)
        {
            count += values[i] > 0 ? 1 : 0;
        }

        return count;
    }
}
