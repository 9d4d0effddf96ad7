using SaeLab.Numerics;
using SaeLab.Sae;

namespace SaeLab.GroundTruth;

/// <summary>
/// Ground-truth feature recovery on synthetic data whose true dictionary is known (e.g.
/// <see cref="Synthetic.SyntheticDataset.TrueDirections"/>): the mean max cosine similarity (MMCS) of Sharkey,
/// Braun &amp; Millidge 2022, "Taking features out of superposition with sparse autoencoders" (AI Alignment Forum
/// interim report), between unit decoder rows and unit true directions, in both directions:
/// <list type="bullet">
/// <item><b>headline</b>, per true feature the best learned row, averaged: "did the SAE find the real features?"
/// (Sharkey et al.'s MMCS against the ground truth);</item>
/// <item>per learned row the best true feature, averaged: "are the SAE's features real?", which dead or
/// duplicated rows pull down.</item>
/// </list>
/// A true feature counts as <b>recovered</b> when its best cosine exceeds 0.9 (<see cref="DefaultThreshold"/>): at
/// 0.9 the angle is under 26°, and in d ≥ 100 dimensions random unit vectors have |cosine| ≲ 0.3, so a match that
/// close is not chance. The cosine is signed by default: a ReLU SAE's codes are non-negative, so a row pointing
/// opposite to a feature cannot express it; <c>ignoreSign</c> uses |cosine| for architectures without that
/// constraint. The cosine matrix is one <see cref="Gemm"/> per block of true features.
/// </summary>
public static class GroundTruthRecovery
{
    /// <summary>Best cosine above which a true feature counts as recovered.</summary>
    public const double DefaultThreshold = 0.9;

    private const int TrueRowsPerBlock = 256;

    /// <summary>Compares <paramref name="sae"/>'s decoder rows with <paramref name="trueDirections"/> [trueCount, DIn].</summary>
    public static GroundTruthRecoveryResult Measure(
        ISparseAutoencoder sae, float[] trueDirections, int trueCount, double threshold = DefaultThreshold, bool ignoreSign = false) =>
        MeasureDirections(DecoderDirections.UnitRows(sae), sae.DSae, trueDirections, trueCount, sae.DIn, threshold, ignoreSign);

    /// <summary>Compares learned directions [learnedCount, dim] (any length) with true directions [trueCount, dim] (any length).</summary>
    public static GroundTruthRecoveryResult MeasureDirections(
        ReadOnlySpan<float> learned, int learnedCount, ReadOnlySpan<float> trueDirections, int trueCount, int dim,
        double threshold = DefaultThreshold, bool ignoreSign = false)
    {
        if (trueCount < 1 || learnedCount < 1 || trueDirections.Length < trueCount * dim || learned.Length < learnedCount * dim)
        {
            throw new SaeLabException($"ground-truth recovery needs true directions [{trueCount}, {dim}] and learned directions [{learnedCount}, {dim}]; got {trueDirections.Length} and {learned.Length} values");
        }

        float[] unitLearned = learned[..(learnedCount * dim)].ToArray();
        float[] unitTrue = trueDirections[..(trueCount * dim)].ToArray();
        DecoderDirections.NormaliseRows(unitLearned, learnedCount, dim);
        DecoderDirections.NormaliseRows(unitTrue, trueCount, dim);
        float[] bestPerTrue = new float[trueCount];
        int[] argBestPerTrue = new int[trueCount];
        float[] bestPerLearned = Enumerable.Repeat(float.NegativeInfinity, learnedCount).ToArray();
        float[] block = new float[Math.Min(TrueRowsPerBlock, trueCount) * learnedCount];
        for (int start = 0; start < trueCount; start += TrueRowsPerBlock)
        {
            int rows = Math.Min(TrueRowsPerBlock, trueCount - start);
            // cos [rows, m] = T[start..start+rows] [rows, d] · Lᵀ (L [m, d]).
            Gemm.Multiply(ComputeContext.Current, false, true, rows, learnedCount, dim, 1f, unitTrue.AsSpan(start * dim, rows * dim), dim, unitLearned, dim, 0f, block, learnedCount);
            if (ignoreSign)
            {
                System.Numerics.Tensors.TensorPrimitives.Abs(block.AsSpan(0, rows * learnedCount), block.AsSpan(0, rows * learnedCount));
            }

            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> cosines = block.AsSpan(r * learnedCount, learnedCount);
                argBestPerTrue[start + r] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(cosines);
                bestPerTrue[start + r] = cosines[argBestPerTrue[start + r]];
                System.Numerics.Tensors.TensorPrimitives.Max(bestPerLearned, cosines, bestPerLearned);
            }
        }

        return new GroundTruthRecoveryResult(
            trueCount, learnedCount, bestPerTrue.Average(c => (double)c), bestPerLearned.Average(c => (double)c),
            bestPerTrue.Count(c => c > threshold) / (double)trueCount, threshold, ignoreSign, bestPerTrue, argBestPerTrue);
    }
}
