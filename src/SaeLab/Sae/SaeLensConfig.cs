using System.Text.Json.Nodes;

namespace SaeLab.Sae;

/// <summary>
/// The fields of a SAELens <c>cfg.json</c> that inference needs (SAELens <c>sae_lens/saes/sae.py</c>, <c>SAEConfig</c>);
/// other fields (SaeLab's training settings, SAELens metadata) are ignored on load. SAELens before 6.0
/// (<c>sae_lens/sae.py</c>) wrote the encoder's activation as <c>activation_fn_str</c> (earlier <c>activation_fn</c>)
/// with <c>activation_fn_kwargs</c>; a "standard" SAE with activation "topk" and <c>activation_fn_kwargs.k</c> reads as a
/// "topk" SAE. It could also scale codes before decoding by a learned <c>finetuning_scaling_factor</c>.
/// </summary>
/// <param name="Architecture">"standard", "jumprelu", "gated", "topk" (the architecture table, <c>Training.Architectures.SaeArchitectures</c>, loads each).</param>
/// <param name="DIn">Input dimension.</param>
/// <param name="DSae">Number of features.</param>
/// <param name="DType">dtype string as written ("float32", …); tensors are converted to float32 whatever it says.</param>
/// <param name="ApplyBDecToInput">Whether the encoder sees x − b_dec; SAELens's default when absent is true.</param>
/// <param name="NormalizeActivations">"none" or "expected_average_only_in" (both are the identity at inference).</param>
/// <param name="K">Features kept per input (topk only).</param>
/// <param name="FinetuningScalingFactor">
/// SAELens &lt; 6 <c>finetuning_scaling_factor</c>: when true, <c>decode</c> computes (z ⊙ s)·W_dec + b_dec with the
/// [d_sae] tensor <c>finetuning_scaling_factor</c> s (<c>apply_finetuning_scaling_factor</c>); codes are not scaled.
/// </param>
public sealed record SaeLensConfig(
    string Architecture, int DIn, int DSae, string DType, bool ApplyBDecToInput, string NormalizeActivations, int? K,
    bool FinetuningScalingFactor = false)
{
    /// <summary>
    /// normalize_activations values that need no work at inference: "expected_average_only_in" scales inputs by a
    /// dataset constant that SAELens folds into the weights or leaves to the caller; it is not in cfg.json.
    /// </summary>
    private static readonly string[] IdentityNormalizations = ["none", "expected_average_only_in"];

    private const string ReluActivation = "relu";
    private const string TopKActivation = "topk";

    /// <summary>Reads and checks the config in <paramref name="config"/> (from <paramref name="path"/>).</summary>
    public static SaeLensConfig Parse(JsonObject config, string path)
    {
        string normalize = CfgJson.OptionalString(config, "normalize_activations", path) ?? "none";
        if (!IdentityNormalizations.Contains(normalize))
        {
            throw SaeLabException.ForFile(
                path,
                $"normalize_activations '{normalize}' is not supported",
                "SaeLab applies no per-input normalisation; supported: none, expected_average_only_in");
        }

        string architecture = CfgJson.OptionalString(config, "architecture", path) ?? ReluSae.ArchitectureName;
        int? k = config.ContainsKey("k") ? CfgJson.PositiveInt(config, "k", path) : null;
        if (ActivationFn(config, path) == TopKActivation)
        {
            (architecture, k) = (TopKFromActivation(config, architecture, path), ActivationK(config, path));
        }

        return new SaeLensConfig(
            architecture,
            CfgJson.PositiveInt(config, "d_in", path),
            CfgJson.PositiveInt(config, "d_sae", path),
            CfgJson.OptionalString(config, "dtype", path) ?? "float32",
            CfgJson.OptionalBool(config, "apply_b_dec_to_input", path) ?? true,
            normalize,
            k,
            CfgJson.OptionalBool(config, "finetuning_scaling_factor", path) ?? false);
    }

    /// <summary>
    /// SAELens &lt; 6's activation (<c>activation_fn_str</c>, renamed from <c>activation_fn</c> by
    /// <c>SAEConfig.from_dict</c>); null when absent. Others ("tanh-relu", …) are refused rather than read as ReLU.
    /// </summary>
    private static string? ActivationFn(JsonObject config, string path)
    {
        string key = config.ContainsKey("activation_fn_str") ? "activation_fn_str" : "activation_fn";
        string? activation = CfgJson.OptionalString(config, key, path);
        return activation is null or ReluActivation or TopKActivation
            ? activation
            : throw SaeLabException.ForFile(path, $"{key} '{activation}' is not supported", $"supported: {ReluActivation}, {TopKActivation}");
    }

    // SAELens < 6 applied activation_fn to every architecture's codes; SaeLab's jumprelu and gated models use ReLU.
    private static string TopKFromActivation(JsonObject config, string architecture, string path) =>
        architecture is ReluSae.ArchitectureName or TopKSae.ArchitectureName
            ? TopKSae.ArchitectureName
            : throw SaeLabException.ForFile(path, $"activation '{TopKActivation}' on architecture '{architecture}' is not supported", "SaeLab reads topk activations on standard SAEs");

    private static int ActivationK(JsonObject config, string path)
    {
        JsonObject kwargs = CfgJson.OptionalObject(config, "activation_fn_kwargs", path)
            ?? throw SaeLabException.ForFile(path, $"activation '{TopKActivation}' needs activation_fn_kwargs {{\"k\": K}}");
        return CfgJson.PositiveInt(kwargs, "k", path);
    }
}
