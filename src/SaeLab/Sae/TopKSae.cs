using System.Buffers;
using System.Text.Json.Nodes;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// TopK SAE (Gao et al. 2024, "Scaling and evaluating sparse autoencoders", §2.3; SAELens
/// <c>sae_lens/saes/topk_sae.py</c>, <c>TopK.forward</c>; EleutherAI sparsify <c>fused_encoder.py</c>):
/// pre = x·W_enc + b_enc, keep the k largest entries of each row, ReLU them, zero the rest. SAELens takes the
/// top k of pre and then applies ReLU; sparsify applies ReLU first; both give the same codes. Among equal values
/// at the k-th place the lower feature index wins. Inference only.
/// </summary>
public sealed class TopKSae : DictionarySae
{
    public const string ArchitectureName = "topk";

    public TopKSae(int dIn, int dSae, int k)
        : base(dIn, dSae)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, dSae);
        K = k;
        BEnc = new float[dSae];
    }

    public override string Architecture => ArchitectureName;

    /// <summary>Number of features kept per input.</summary>
    public int K { get; }

    /// <summary>Encoder bias [d_sae].</summary>
    public float[] BEnc { get; }

    /// <summary>Loads the tensors of a "topk" SAE; cfg.json must give <c>k</c>.</summary>
    public static TopKSae FromWeights(SaeWeights weights)
    {
        SaeLensConfig config = weights.Config;
        int k = config.K ?? throw SaeLabException.ForFile(weights.ConfigPath, "a topk SAE needs 'k' in cfg.json");
        if (k > config.DSae)
        {
            throw SaeLabException.ForFile(weights.ConfigPath, $"k = {k} exceeds d_sae = {config.DSae}");
        }

        var sae = new TopKSae(config.DIn, config.DSae, k) { ApplyBDecToInput = config.ApplyBDecToInput };
        weights.CopyShared(sae);
        weights.CopyFeatureVector("b_enc", sae.BEnc);
        return sae;
    }

    public override IEnumerable<KeyValuePair<string, JsonNode?>> ConfigEntries() => [new("k", K)];

    protected override void EncodeInput(ReadOnlySpan<float> input, int n, Span<float> codes)
    {
        Affine(input, n, DIn, WEnc, DSae, BEnc, codes);
        float[] sorted = ArrayPool<float>.Shared.Rent(DSae);
        try
        {
            TopKSelection.KeepTopKPerRow(codes, n, DSae, K, sorted);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sorted);
        }
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
