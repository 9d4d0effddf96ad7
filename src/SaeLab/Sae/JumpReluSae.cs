using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// JumpReLU SAE (Rajamanoharan et al. 2024, "Jumping Ahead", §2; SAELens <c>sae_lens/saes/jumprelu_sae.py</c>,
/// <c>JumpReLUSAE.encode</c>): pre = x·W_enc + b_enc, z = ReLU(pre) where pre &gt; threshold, else 0.
/// Inference only; training it is a separate step.
/// </summary>
public sealed class JumpReluSae(int dIn, int dSae) : DictionarySae(dIn, dSae)
{
    public const string ArchitectureName = "jumprelu";

    public override string Architecture => ArchitectureName;

    /// <summary>Encoder bias [d_sae].</summary>
    public float[] BEnc { get; } = new float[dSae];

    /// <summary>Per-feature threshold [d_sae]: a feature fires only when its pre-activation exceeds it.</summary>
    public float[] Threshold { get; } = new float[dSae];

    /// <summary>Loads the tensors of a "jumprelu" SAE.</summary>
    public static JumpReluSae FromWeights(SaeWeights weights)
    {
        var sae = new JumpReluSae(weights.Config.DIn, weights.Config.DSae) { ApplyBDecToInput = weights.Config.ApplyBDecToInput };
        weights.CopyShared(sae);
        weights.CopyFeatureVector("b_enc", sae.BEnc);
        weights.CopyFeatureVector("threshold", sae.Threshold);
        return sae;
    }

    protected override void EncodeInput(ReadOnlySpan<float> input, int n, Span<float> codes)
    {
        Affine(input, n, DIn, WEnc, DSae, BEnc, codes);
        for (int row = 0; row < n; row++)
        {
            Span<float> z = codes.Slice(row * DSae, DSae);
            for (int f = 0; f < z.Length; f++)
            {
                // relu(pre) · (pre > threshold); NaN compares false and so becomes 0, as the torch mask does.
                z[f] = z[f] > Threshold[f] && z[f] > 0f ? z[f] : 0f;
            }
        }
    }

    /// <summary>Sets b_enc; the threshold stays (a trained JumpReLU re-derives it from its own parameter).</summary>
    public override IReadOnlyList<float[]> ResetFeatureBias(int feature, float bias)
    {
        BEnc[feature] = bias;
        return [BEnc];
    }

    protected override IEnumerable<float[]> InputScaledVectors() => [BEnc, Threshold];

    protected override IEnumerable<KeyValuePair<string, HostTensor>> EncoderTensors() =>
        [new("b_enc", FeatureVector(BEnc)), new("threshold", FeatureVector(Threshold))];
}
