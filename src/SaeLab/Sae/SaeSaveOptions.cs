using System.Text.Json.Nodes;
using SaeLab.Settings;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>How <see cref="SaeCheckpoint.Save(string, ISparseAutoencoder, SaeSaveOptions)"/> writes an SAE folder.</summary>
public sealed record SaeSaveOptions
{
    /// <summary>Element type of the weights: float32 (default), float16 or bfloat16 (rounded to nearest even).</summary>
    [Setting("--weights-dtype", "Element type of sae_weights.safetensors: f32, f16 or bf16 (rounded to nearest even; cfg.json's dtype names it)", FloatType = true)]
    public DType WeightsDType { get; init; } = DType.Float32;

    /// <summary>Fields added to cfg.json beside the SAELens ones (SaeLab's training settings).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? ExtraConfig { get; init; }

    /// <summary>
    /// Fraction of inputs on which each feature fires, [d_sae]; when given, <c>sparsity.safetensors</c> is written
    /// with their log10 as SAELens stores it.
    /// </summary>
    public IReadOnlyList<double>? FeatureFrequencies { get; init; }

    /// <summary>The model whose activations the SAE was trained on (SAELens's <c>model_name</c>, e.g. "meta-llama/Llama-3.2-1B"); cfg.json omits it when null.</summary>
    [Setting("--model-name", "Model the activations came from, recorded in cfg.json as SAELens's model_name (e.g. meta-llama/Llama-3.2-1B)")]
    public string? ModelName { get; init; }

    /// <summary>Where in the model the activations were read (SAELens's <c>hook_name</c>, e.g. "blocks.8.hook_resid_post"); cfg.json omits it when null.</summary>
    [Setting("--hook-name", "Where in the model they were read, recorded in cfg.json as SAELens's hook_name (e.g. blocks.8.hook_resid_post)")]
    public string? HookName { get; init; }

    public static SaeSaveOptions Default { get; } = new();

    /// <summary>Throws a <see cref="SaeLabException"/> naming the option when a value cannot work.</summary>
    public void Validate()
    {
        if (WeightsDType is not (DType.Float32 or DType.Float16 or DType.BFloat16))
        {
            throw new SaeLabException($"SAE weights dtype {DTypeInfo.DisplayName(WeightsDType)} is not supported; use float32, float16 or bfloat16");
        }
    }
}
