using SaeLab.Numerics;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// The seed's sparse autoencoder: z = ReLU(x·W_enc + b_enc), x̂ = z·W_dec + b_dec, with parameters laid out as
/// SAELens stores them (W_enc [d_in, d_sae], W_dec [d_sae, d_in]); SAELens calls this architecture "standard"
/// (<c>sae_lens/saes/standard_sae.py</c>). The arrays are public so the trainer and optimiser update them in place.
/// </summary>
public sealed class ReluSae(int dIn, int dSae) : DictionarySae(dIn, dSae)
{
    public const string ArchitectureName = "standard";

    public override string Architecture => ArchitectureName;

    /// <summary>Encoder bias [d_sae].</summary>
    public float[] BEnc { get; } = new float[dSae];

    /// <summary>Loads the tensors of a "standard" SAE.</summary>
    public static ReluSae FromWeights(SaeWeights weights)
    {
        var sae = new ReluSae(weights.Config.DIn, weights.Config.DSae) { ApplyBDecToInput = weights.Config.ApplyBDecToInput };
        weights.CopyShared(sae);
        weights.CopyFeatureVector("b_enc", sae.BEnc);
        return sae;
    }

    protected override void EncodeInput(ReadOnlySpan<float> input, int n, Span<float> codes)
    {
        Affine(input, n, DIn, WEnc, DSae, BEnc, codes);
        Activations.Relu(codes);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<float[]> ResetFeatureBias(int feature, float bias)
    {
        BEnc[feature] = bias;
        return [BEnc];
    }

    protected override IEnumerable<float[]> InputScaledVectors() => [BEnc];

    protected override IEnumerable<KeyValuePair<string, HostTensor>> EncoderTensors() => [new("b_enc", FeatureVector(BEnc))];
}
