using SaeLab.Data;
using SaeLab.GroundTruth;
using SaeLab.Numerics;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.Sparse;
using SaeLab.Sae;
using SaeLab.Statistics;

namespace SaeLab.Probing.Hybrid;

/// <summary>
/// The seed's suggested hybrid: let the SAE say <i>which directions</i> matter and the raw activations say <i>how
/// much</i>. On the training split rank SAE features by ANOVA F (<see cref="FeatureRanking.AnovaF"/>), take the top k
/// features' unit decoder directions, project each problem's raw aggregated activations onto them (for multi-slot
/// aggregations a feature of slot s projects slot s's raw vector), and fit the usual probe on those k numbers. Its
/// baselines, with the same k and split: the top k principal components of the raw features (fitted on the training
/// split, <see cref="PrincipalComponents"/>), the top k raw dimensions by the same ranking, the top k SAE codes by
/// the same ranking, and all raw dimensions. Each difference comes with a paired test
/// (<see cref="PairedComparison"/>), because with ~120 test problems a few points are often chance.
/// </summary>
public static class HybridProber
{
    /// <summary>The ranking's name in results.</summary>
    public const string Ranking = "anova_f";

    /// <summary>Runs the hybrid probe with <paramref name="k"/> directions and its baselines.</summary>
    public static HybridProbeResult Run(ActivationSet set, ISparseAutoencoder sae, ProbeConfig config, int k, int bootstrapSeed = 0)
    {
        config.Validate();
        ProblemFeatures raw = Aggregator.Aggregate(set, config.Aggregation, config.LabelKey, null, config.EncodeBatchRows);
        ProblemFeatures codes = Aggregator.Aggregate(set, config.Aggregation, config.LabelKey, sae, config.EncodeBatchRows);
        int maxK = Math.Min(codes.Features, Math.Min(raw.Features, (int)Math.Floor(raw.Samples * (1 - config.TestSize))));
        if (k < 1 || k > maxK)
        {
            throw new SaeLabException($"--hybrid must be between 1 and {maxK} (SAE features, raw dimensions and training problems bound it); got {k}");
        }

        var labels = EncodedLabels.Of(raw.Labels, config.LabelKey);
        TrainTestSplit split = ProblemSplit.Of(labels, config.SplitSettings);
        int[] trainY = labels.Of(split.Train);
        int n = split.Train.Length, classes = labels.Classes.Length;
        int[] saeFeatures = FeatureRanking.TopK(FeatureRanking.AnovaF(codes.Rows(split.Train), n, codes.Features, trainY, classes), k);
        int[] rawDims = FeatureRanking.TopK(FeatureRanking.AnovaF(raw.Rows(split.Train), n, raw.Features, trainY, classes), k);
        PrincipalComponents pca = PrincipalComponents.Fit(raw.Rows(split.Train), n, raw.Features, k);

        ProbeResult Probe(ProblemFeatures features, string source) => Prober.FitSplit(features, labels, split, config, source);
        ProbeResult hybrid = Probe(raw.WithValues(ProjectOntoDirections(raw, sae, saeFeatures), k), $"sae-directions top-{k}");
        ProbeResult principal = Probe(raw.WithValues(pca.Project(raw.Values, raw.Samples), k), $"pca top-{k}");
        ProbeResult rawTop = Probe(raw.Columns(rawDims), $"raw-dims top-{k}");
        ProbeResult codesTop = Probe(codes.Columns(saeFeatures), $"sae-codes top-{k}");
        ProbeResult rawAll = Probe(raw, "raw");
        PairedComparison[] comparisons = [.. new[] { principal, rawTop, codesTop, rawAll }.Select(other => ProbeComparison.Compare(hybrid, other, bootstrapSeed))];
        return new HybridProbeResult(
            config.Aggregation.ToString(), config.LabelKey, k, Ranking, saeFeatures, rawDims, pca.ExplainedVariance,
            hybrid, principal, rawTop, codesTop, rawAll, comparisons);
    }

    /// <summary>
    /// Projections [Samples, k] of the raw features onto the unit decoder directions of the code columns
    /// <paramref name="codeColumns"/>: column c = slot s·DSae + feature f projects raw slot s onto W_dec[f].
    /// </summary>
    internal static float[] ProjectOntoDirections(ProblemFeatures raw, ISparseAutoencoder sae, int[] codeColumns)
    {
        float[] directions = DecoderDirections.UnitRows(sae);
        int d = sae.DIn, k = codeColumns.Length;
        // P [raw.Features, k]: zero except rows of slot s in column j, which hold feature f's direction.
        float[] projection = new float[raw.Features * k];
        for (int j = 0; j < k; j++)
        {
            int slot = codeColumns[j] / sae.DSae, feature = codeColumns[j] % sae.DSae;
            for (int i = 0; i < d; i++)
            {
                projection[(slot * d + i) * k + j] = directions[feature * d + i];
            }
        }

        float[] projected = new float[raw.Samples * k];
        // projected [n, k] = raw [n, slots·d] · P [slots·d, k].
        Gemm.Multiply(ComputeContext.Current, false, false, raw.Samples, k, raw.Features, 1f, raw.Values, raw.Features, projection, k, 0f, projected, k);
        return projected;
    }
}
