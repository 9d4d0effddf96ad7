using SaeLab.Settings;

namespace SaeLab.Data;

/// <summary>How to find the activations and their metadata in a file whose layout is not the seed's.</summary>
public sealed record ActivationLoadOptions
{
    /// <summary>
    /// Name of the [N, d] activations tensor: a tensor name (safetensors), an array name (npz) or a dotted
    /// path of dict keys in a .pt object ("data.acts"). Ignored for .npy, which holds one array.
    /// </summary>
    [Setting("--activations-key", "Name of the [N, d] activations tensor, or a dotted path in a .pt (data.acts)")]
    public string ActivationsKey { get; init; } = "activations";

    /// <summary>
    /// Dotted path of the .pt dict whose entries are metadata columns. Null: <c>metadata</c> if the file has it
    /// (the seed's layout), else none.
    /// </summary>
    [Setting("--metadata-key", "Dotted path of the .pt dict holding metadata columns", DefaultText = "metadata, if present")]
    public string? MetadataKey { get; init; }

    /// <summary>
    /// A side file of metadata columns, one value per vector: a JSON object (column → array of integers or
    /// strings) or a CSV file with a header row. Its columns replace same-named columns from the file.
    /// </summary>
    [Setting("--metadata", "Side file of metadata columns: JSON object of column -> array, or CSV with a header row")]
    public string? MetadataPath { get; init; }

    /// <summary>
    /// Metadata column holding each vector's problem (sample) id, when it is not <c>problems</c>; it is read as the
    /// problem column (whole numbers, or strings numbered by first appearance). Null: <c>problems</c>.
    /// </summary>
    [Setting("--problem-key", "Metadata column with each vector's problem id (whole numbers, or strings numbered by first appearance)", DefaultText = MetadataKeys.Problems)]
    public string? ProblemKey { get; init; }

    /// <summary>Metadata column holding each vector's layer, when it is not <c>layers</c>. Null: <c>layers</c>.</summary>
    [Setting("--layer-key", "Metadata column with each vector's layer", DefaultText = MetadataKeys.Layers)]
    public string? LayerKey { get; init; }

    /// <summary>Metadata column holding each vector's token position, when it is not <c>tokens</c>. Null: <c>tokens</c>.</summary>
    [Setting("--token-key", "Metadata column with each vector's token position", DefaultText = MetadataKeys.Tokens)]
    public string? TokenKey { get; init; }

    /// <summary>
    /// Drop the vectors holding NaN or ±Inf (with their metadata) instead of refusing the file; the loader reports how
    /// many through <see cref="Notify"/> and in <see cref="ActivationFile.Notes"/>.
    /// </summary>
    [Setting("--skip-nonfinite", "Drop activation vectors holding NaN or Inf (and their metadata) instead of refusing the file; a note on stderr says how many")]
    public bool SkipNonFinite { get; init; }

    /// <summary>Receives notes meant for the user (how many vectors <see cref="SkipNonFinite"/> dropped); null: not reported.</summary>
    public Action<string>? Notify { get; init; }

    public static ActivationLoadOptions Default { get; } = new();

    /// <summary>Each position column SaeLab reads by its own name, with the file's name for it and the flag that gives it.</summary>
    public IEnumerable<(string Canonical, string? Key, string Flag)> ColumnKeys =>
    [
        (MetadataKeys.Problems, ProblemKey, "--problem-key"),
        (MetadataKeys.Layers, LayerKey, "--layer-key"),
        (MetadataKeys.Tokens, TokenKey, "--token-key"),
    ];

    /// <summary>Throws a <see cref="SaeLabException"/> naming the option when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ActivationsKey) || ActivationsKey.Split('.').Any(string.IsNullOrEmpty))
        {
            throw new SaeLabException($"activations key '{ActivationsKey}' must be a name or a dotted path like data.acts");
        }

        if (MetadataKey is not null && MetadataKey.Split('.').Any(string.IsNullOrEmpty))
        {
            throw new SaeLabException($"metadata key '{MetadataKey}' must be a name or a dotted path like data.meta");
        }
    }
}
