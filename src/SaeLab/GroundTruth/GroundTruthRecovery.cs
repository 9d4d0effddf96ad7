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
/// constraint. The cosine matrix is one <see cref="Gemm"/> per block of true features. Every result carries the same
/// measures for a random unit dictionary of the SAE's shape (<see cref="RandomDictionaryRecovery"/>): in few dimensions or
/// with many rows, chance alone gives a sizeable mean max cosine, and a score means something only above it.
/// </summary>
public static class GroundTruthRecovery
{
    /// <summary>Best cosine above which a true feature counts as recovered.</summary>
    public const double DefaultThreshold = 0.9;

    /// <summary>
    /// Seed of the random baseline dictionary. Not a small number: the synthetic generator draws its true directions from
    /// the same Gaussian sequence, so seed 0 here would redraw the truth of a seed-0 dataset rather than chance.
    /// </summary>
    public const int BaselineSeed = 1_000_003;

    private const int TrueRowsPerBlock = 256;

    /// <summary>Compares <paramref name="sae"/>'s decoder rows with <paramref name="trueDirections"/> [trueCount, DIn].</summary>
    public static GroundTruthRecoveryResult Measure(
        ISparseAutoencoder sae, float[] trueDirections, int trueCount, double threshold = DefaultThreshold, bool ignoreSign = false) =>
        MeasureDirections(DecoderDirections.UnitRows(sae), sae.DSae, trueDirections, trueCount, sae.DIn, threshold, ignoreSign);

    /// <summary>
    /// Compares learned directions [learnedCount, dim] (any length) with true directions [trueCount, dim] (any length), and
    /// the same number of random unit directions (seeded by <paramref name="baselineSeed"/>) with them as the chance baseline.
    /// </summary>
    public static GroundTruthRecoveryResult MeasureDirections(
        ReadOnlySpan<float> learned, int learnedCount, ReadOnlySpan<float> trueDirections, int trueCount, int dim,
        double threshold = DefaultThreshold, bool ignoreSign = false, int baselineSeed = BaselineSeed)
    {
        if (trueCount < 1 || learnedCount < 1 || trueDirections.Length < trueCount * dim || learned.Length < learnedCount * dim)
        {
            throw new SaeLabException($"ground-truth recovery needs true directions [{trueCount}, {dim}] and learned directions [{learnedCount}, {dim}]; got {trueDirections.Length} and {learned.Length} values");
        }

        float[] unitTrue = UnitCopy(trueDirections, trueCount, dim);
        BestMatches observed = Match(UnitCopy(learned, learnedCount, dim), learnedCount, unitTrue, trueCount, dim, ignoreSign);
        BestMatches chance = Match(RandomUnitRows(learnedCount, dim, baselineSeed), learnedCount, unitTrue, trueCount, dim, ignoreSign);
        return new GroundTruthRecoveryResult(
            trueCount, learnedCount, observed.MeanPerTrue, observed.MeanPerLearned, observed.FractionAbove(threshold), threshold, ignoreSign,
            observed.PerTrue, observed.ArgPerTrue)
        {
            RandomDictionary = new RandomDictionaryRecovery(chance.MeanPerTrue, chance.MeanPerLearned, chance.FractionAbove(threshold), baselineSeed),
        };
    }

    private static float[] UnitCopy(ReadOnlySpan<float> rows, int count, int dim)
    {
        float[] copy = rows[..(count * dim)].ToArray();
        DecoderDirections.NormaliseRows(copy, count, dim);
        return copy;
    }

    /// <summary>Isotropic random unit rows [count, dim]: normalised standard Gaussians.</summary>
    private static float[] RandomUnitRows(int count, int dim, int seed)
    {
        float[] rows = Synthetic.SyntheticActivationGenerator.RandomVector(count * dim, new Random(seed));
        DecoderDirections.NormaliseRows(rows, count, dim);
        return rows;
    }

    private static BestMatches Match(float[] unitLearned, int learnedCount, float[] unitTrue, int trueCount, int dim, bool ignoreSign)
    {
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

        return new BestMatches(bestPerTrue, argBestPerTrue, bestPerLearned);
    }

    /// <summary>Per true feature its best learned cosine and which row gave it; per learned row its best true cosine.</summary>
    private readonly record struct BestMatches(float[] PerTrue, int[] ArgPerTrue, float[] PerLearned)
    {
        public double MeanPerTrue => PerTrue.Average(c => (double)c);

        public double MeanPerLearned => PerLearned.Average(c => (double)c);

        public double FractionAbove(double threshold) => PerTrue.Count(c => c > threshold) / (double)PerTrue.Length;
    }
}
