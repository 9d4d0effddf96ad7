using System.Text.Json.Nodes;

namespace SaeLab.Sae;

/// <summary>
/// An SAE saved by saprmarks/dictionary_learning (<c>training.py</c>, <c>trainSAE</c>): a folder with <c>ae.pt</c>, the
/// model's <c>state_dict()</c> written by <c>torch.save</c>, and <c>config.json</c>, whose <c>trainer</c> section is the
/// trainer's <c>config</c> (<c>dict_class</c>, <c>trainer_class</c>, <c>activation_dim</c>, <c>dict_size</c>, <c>k</c>,
/// …). Each dictionary class maps onto one of SaeLab's inference models so that codes and reconstructions equal what
/// the class's <c>from_pretrained(path)</c> followed by <c>encode</c>/<c>decode</c>/<c>forward</c> computes:
/// <list type="bullet">
/// <item><c>AutoEncoder</c> (<c>dictionary.py</c>): <c>bias</c> [d] is b_dec, subtracted before the nn.Linear
/// <c>encoder</c> and added after the bias-free <c>decoder</c> → <see cref="ReluSae"/>, centring. Its
/// <c>from_pretrained</c> calls <c>normalize_decoder()</c> by default, which we follow: decoder columns are scaled to
/// unit norm and encoder rows and bias by the same norms, so x̂ is unchanged and codes are in unit-decoder units
/// (a feature whose decoder column is zero is left as it is; dictionary_learning would divide by zero there).</item>
/// <item><c>AutoEncoderTopK</c> (<c>trainers/top_k.py</c>): <c>encoder</c>, <c>decoder</c>, <c>b_dec</c>, buffers
/// <c>k</c> and <c>threshold</c> → <see cref="TopKSae"/>, centring. Its default <c>encode</c> keeps the top k of
/// ReLU(pre); the <c>use_threshold=True</c> path (a global threshold instead) is not the default and is not used.</item>
/// <item><c>BatchTopKSAE</c> (<c>trainers/batch_top_k.py</c>) and <c>MatryoshkaBatchTopKSAE</c>
/// (<c>trainers/matryoshka_batch_top_k.py</c>): batch top-k is a training device; their default <c>encode</c>
/// (<c>use_threshold=True</c>) keeps ReLU(pre) where it exceeds the scalar <c>threshold</c> → <see cref="JumpReluSae"/>
/// with that threshold for every feature, centring. A threshold still at its initial −1 (never updated) lets every
/// positive pre-activation through, as in dictionary_learning. Matryoshka's <c>W_enc</c>/<c>b_enc</c>/<c>W_dec</c>/
/// <c>b_dec</c> are plain parameters; after <c>from_pretrained</c> all its <c>group_sizes</c> groups are active.</item>
/// <item><c>JumpReluAutoEncoder</c> (<c>dictionary.py</c>): <c>W_enc</c>, <c>b_enc</c>, <c>W_dec</c>, <c>b_dec</c>,
/// <c>threshold</c> [F] → <see cref="JumpReluSae"/>; <c>apply_b_dec_to_input</c> is an attribute that is not saved and
/// is False after <c>from_pretrained</c>, so no centring.</item>
/// <item><c>GatedAutoEncoder</c> (<c>dictionary.py</c>): bias-free <c>encoder</c>, <c>decoder</c>,
/// <c>decoder_bias</c> (b_dec, subtracted first), <c>r_mag</c>, <c>gate_bias</c>, <c>mag_bias</c> → <see cref="GatedSae"/>,
/// centring, with <c>normalize_decoder=False</c> (the default).</item>
/// </list>
/// Some dictionary_learning versions scale JumpReLU and Gated codes by the decoder norms in <c>encode</c> and undo it
/// in <c>decode</c>; their trainers keep decoder rows at unit norm, where every version gives the same codes.
/// </summary>
public static class DictionaryLearningFolder
{
    public const string WeightsFileName = "ae.pt";
    public const string ConfigFileName = "config.json";

    /// <summary>The <c>dict_class</c> names SaeLab reads, each with its loader (one table, not a chain of name tests).</summary>
    private static readonly Dictionary<string, Func<SaeWeights, DictionarySae>> Loaders = new(StringComparer.Ordinal)
    {
        ["AutoEncoder"] = LoadAutoEncoder,
        ["AutoEncoderTopK"] = LoadTopK,
        ["BatchTopKSAE"] = LoadBatchTopK,
        ["MatryoshkaBatchTopKSAE"] = LoadMatryoshka,
        ["JumpReluAutoEncoder"] = LoadJumpRelu,
        ["GatedAutoEncoder"] = LoadGated,
    };

    /// <summary>The supported <c>dict_class</c> values.</summary>
    public static IReadOnlyCollection<string> DictClasses => Loaders.Keys;

    /// <summary>Loads the dictionary_learning SAE in <paramref name="directory"/>.</summary>
    public static DictionarySae Load(string directory)
    {
        string configPath = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw SaeLabException.ForFile(
                configPath,
                $"missing; dictionary_learning writes it beside {WeightsFileName}",
                "SaeLab needs its trainer section (dict_class, activation_dim, dict_size) to know which SAE the state_dict holds");
        }

        JsonObject trainer = CfgJson.Read(configPath)["trainer"] as JsonObject
            ?? throw SaeLabException.ForFile(configPath, "no \"trainer\" object", "expected dictionary_learning's {\"trainer\": {\"dict_class\": ..., ...}}");
        string dictClass = CfgJson.OptionalString(trainer, "dict_class", configPath)
            ?? throw SaeLabException.ForFile(configPath, "missing 'trainer.dict_class'", $"supported: {string.Join(", ", DictClasses)}");
        if (!Loaders.TryGetValue(dictClass, out var load))
        {
            throw SaeLabException.ForFile(configPath, $"dict_class '{dictClass}' is not supported", $"supported: {string.Join(", ", DictClasses)}");
        }

        // The class name stands in the architecture slot, which SaeWeights names in its errors ("a BatchTopKSAE SAE needs it").
        var config = new SaeLensConfig(
            dictClass,
            CfgJson.PositiveInt(trainer, "activation_dim", configPath),
            CfgJson.PositiveInt(trainer, "dict_size", configPath),
            "float32",
            ApplyBDecToInput: false,
            "none",
            trainer.ContainsKey("k") ? CfgJson.PositiveInt(trainer, "k", configPath) : null);
        string weightsPath = Path.Combine(directory, WeightsFileName);
        var stateDict = TorchStateDict.ReadDict(weightsPath, "a state_dict (parameter name → tensor)");
        return load(new SaeWeights(config, configPath, TorchStateDict.Tensors(stateDict, weightsPath), weightsPath));
    }

    private static ReluSae LoadAutoEncoder(SaeWeights weights)
    {
        var sae = new ReluSae(weights.Config.DIn, weights.Config.DSae) { ApplyBDecToInput = true };
        CopyLinears(weights, sae, sae.BEnc, "bias");
        NormalizeDecoder(sae);
        return sae;
    }

    private static TopKSae LoadTopK(SaeWeights weights)
    {
        var sae = new TopKSae(weights.Config.DIn, weights.Config.DSae, ReadK(weights)) { ApplyBDecToInput = true };
        CopyLinears(weights, sae, sae.BEnc, "b_dec");
        return sae;
    }

    private static JumpReluSae LoadBatchTopK(SaeWeights weights)
    {
        var sae = new JumpReluSae(weights.Config.DIn, weights.Config.DSae) { ApplyBDecToInput = true };
        CopyLinears(weights, sae, sae.BEnc, "b_dec");
        SetGlobalThreshold(weights, sae);
        return sae;
    }

    private static JumpReluSae LoadMatryoshka(SaeWeights weights)
    {
        int dSae = weights.Config.DSae;
        long[] groupSizes = weights.ReadIntegerVector("group_sizes");
        if (groupSizes.Any(size => size <= 0 || size > dSae) || groupSizes.Sum() != dSae)
        {
            throw SaeLabException.ForFile(
                weights.WeightsPath, $"group_sizes [{string.Join(", ", groupSizes)}] must be positive and sum to dict_size = {dSae}");
        }

        var sae = new JumpReluSae(weights.Config.DIn, dSae) { ApplyBDecToInput = true };
        weights.CopyShared(sae);
        weights.CopyFeatureVector("b_enc", sae.BEnc);
        SetGlobalThreshold(weights, sae);
        return sae;
    }

    private static JumpReluSae LoadJumpRelu(SaeWeights weights)
    {
        var sae = new JumpReluSae(weights.Config.DIn, weights.Config.DSae) { ApplyBDecToInput = false };
        weights.CopyShared(sae);
        weights.CopyFeatureVector("b_enc", sae.BEnc);
        weights.CopyFeatureVector("threshold", sae.Threshold);
        return sae;
    }

    private static GatedSae LoadGated(SaeWeights weights)
    {
        int dIn = weights.Config.DIn, dSae = weights.Config.DSae;
        var sae = new GatedSae(dIn, dSae) { ApplyBDecToInput = true };
        weights.CopyTransposed("encoder.weight", dSae, dIn, sae.WEnc);
        weights.CopyTransposed("decoder.weight", dIn, dSae, sae.WDec);
        weights.Copy("decoder_bias", [dIn], sae.BDec);
        weights.CopyFeatureVector("gate_bias", sae.BGate);
        weights.CopyFeatureVector("mag_bias", sae.BMag);
        weights.CopyFeatureVector("r_mag", sae.RMag);
        return sae;
    }

    /// <summary>
    /// The nn.Linear pair of AutoEncoder, AutoEncoderTopK and BatchTopKSAE: <c>encoder.weight</c> [F, d] and
    /// <c>encoder.bias</c> [F], a bias-free <c>decoder.weight</c> [d, F], and the decoder bias under <paramref name="decoderBias"/>.
    /// </summary>
    private static void CopyLinears(SaeWeights weights, DictionarySae sae, float[] encoderBias, string decoderBias)
    {
        weights.CopyTransposed("encoder.weight", sae.DSae, sae.DIn, sae.WEnc);
        weights.CopyFeatureVector("encoder.bias", encoderBias);
        weights.CopyTransposed("decoder.weight", sae.DIn, sae.DSae, sae.WDec);
        weights.Copy(decoderBias, [sae.DIn], sae.BDec);
    }

    /// <summary>
    /// <c>AutoEncoder.normalize_decoder</c>: with n_f the norm of feature f's decoder direction, W_dec row f /= n_f and
    /// W_enc column f, b_enc[f] *= n_f. ReLU is positively homogeneous, so codes scale by n_f and x̂ stays.
    /// </summary>
    private static void NormalizeDecoder(ReluSae sae)
    {
        var inverse = new float[sae.DSae];
        for (int f = 0; f < sae.DSae; f++)
        {
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm(sae.WDec.AsSpan(f * sae.DIn, sae.DIn));
            float scale = norm > 0f ? norm : 1f;
            inverse[f] = 1f / scale;
            sae.BEnc[f] *= scale;
            for (int i = 0; i < sae.DIn; i++)
            {
                sae.WEnc[i * sae.DSae + f] *= scale;
            }
        }

        sae.ScaleDecoderRows(inverse);
    }

    /// <summary>BatchTopK's and Matryoshka's inference threshold: the scalar buffer, the same for every feature.</summary>
    private static void SetGlobalThreshold(SaeWeights weights, JumpReluSae sae)
    {
        ReadK(weights);
        Array.Fill(sae.Threshold, weights.ReadScalar("threshold"));
    }

    /// <summary>The <c>k</c> buffer (what <c>from_pretrained</c> uses), checked against config.json's <c>k</c> when given.</summary>
    private static int ReadK(SaeWeights weights)
    {
        float value = weights.ReadScalar("k");
        int dSae = weights.Config.DSae;
        if (value != MathF.Floor(value) || value < 1 || value > dSae)
        {
            throw SaeLabException.ForFile(weights.WeightsPath, $"k = {value} must be a whole number from 1 to dict_size = {dSae}");
        }

        int k = (int)value;
        if (weights.Config.K is int configured && configured != k)
        {
            throw SaeLabException.ForFile(weights.ConfigPath, $"trainer.k = {configured} but {Path.GetFileName(weights.WeightsPath)} holds k = {k}");
        }

        return k;
    }
}
