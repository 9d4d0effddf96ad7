using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// Gated SAE (Rajamanoharan et al. 2024, "Improving Dictionary Learning with Gated Sparse Autoencoders", §3.1;
/// SAELens <c>sae_lens/saes/gated_sae.py</c>, <c>GatedSAE.encode</c>): with pre = x·W_enc,
/// gate = (pre + b_gate &gt; 0) and magnitude = ReLU(pre·exp(r_mag) + b_mag), z = gate · magnitude.
/// SAELens computes x·(W_enc·exp(r_mag)); scaling the product per column is the same map with one GEMM.
/// There is no b_enc. Inference only.
/// </summary>
public sealed class GatedSae(int dIn, int dSae) : DictionarySae(dIn, dSae)
{
    public const string ArchitectureName = "gated";

    public override string Architecture => ArchitectureName;

    /// <summary>Gate bias [d_sae].</summary>
    public float[] BGate { get; } = new float[dSae];

    /// <summary>Magnitude bias [d_sae].</summary>
    public float[] BMag { get; } = new float[dSae];

    /// <summary>Log of the per-feature magnitude scale [d_sae] (the magnitude path uses W_enc · exp(r_mag)).</summary>
    public float[] RMag { get; } = new float[dSae];

    /// <summary>Loads the tensors of a "gated" SAE.</summary>
    public static GatedSae FromWeights(SaeWeights weights)
    {
        var sae = new GatedSae(weights.Config.DIn, weights.Config.DSae) { ApplyBDecToInput = weights.Config.ApplyBDecToInput };
        weights.CopyShared(sae);
        weights.CopyFeatureVector("b_gate", sae.BGate);
        weights.CopyFeatureVector("b_mag", sae.BMag);
        weights.CopyFeatureVector("r_mag", sae.RMag);
        return sae;
    }

    protected override void EncodeInput(ReadOnlySpan<float> input, int n, Span<float> codes)
    {
        Affine(input, n, DIn, WEnc, DSae, [], codes);
        for (int row = 0; row < n; row++)
        {
            Span<float> z = codes.Slice(row * DSae, DSae);
            for (int f = 0; f < z.Length; f++)
            {
                float pre = z[f];
                float magnitude = MathF.Max(pre * MathF.Exp(RMag[f]) + BMag[f], 0f);
                z[f] = pre + BGate[f] > 0f ? magnitude : 0f;
            }
        }
    }

    /// <summary>Sets both paths' biases, b_gate and b_mag, and r_mag to 0 (a magnitude gain of 1), so both see the same pre-activation.</summary>
    public override IReadOnlyList<float[]> ResetFeatureBias(int feature, float bias)
    {
        BGate[feature] = bias;
        BMag[feature] = bias;
        RMag[feature] = 0f;
        return [BGate, BMag, RMag];
    }

    protected override IEnumerable<float[]> InputScaledVectors() => [BGate, BMag];

    protected override IEnumerable<KeyValuePair<string, HostTensor>> EncoderTensors() =>
        [new("b_gate", FeatureVector(BGate)), new("b_mag", FeatureVector(BMag)), new("r_mag", FeatureVector(RMag))];
}
