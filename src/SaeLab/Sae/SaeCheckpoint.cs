using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.SafeTensors;
using SaeLab.IO;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// SAE folders as SaeLab writes them, in the SAELens layout (<c>sae_lens/saes/sae.py</c>, <c>save_model</c>):
/// <c>cfg.json</c> (<c>architecture</c>, <c>d_in</c>, <c>d_sae</c>, <c>dtype</c>, <c>apply_b_dec_to_input</c>,
/// <c>normalize_activations</c>, <c>k</c> for TopK, …), <c>sae_weights.safetensors</c> with the architecture's
/// tensors and, when feature frequencies are known, <c>sparsity.safetensors</c>. Reading a folder of any layout back is
/// <c>Training.Architectures.SaeFolder.Load</c>'s, through the architecture table.
/// </summary>
public static class SaeCheckpoint
{
    public const string ConfigFileName = "cfg.json";
    public const string WeightsFileName = "sae_weights.safetensors";
    public const string SparsityFileName = "sparsity.safetensors";

    /// <summary>Name of the log10 feature-frequency tensor in <see cref="SparsityFileName"/>, as SAELens names it.</summary>
    public const string SparsityTensorName = "sparsity";

    /// <summary>
    /// Added to frequencies before the log10, as SAELens's trainer does (<c>torch.log10(feature_sparsity + 1e-10)</c>),
    /// so dead features get −10 rather than −∞.
    /// </summary>
    public const double SparsityEpsilon = 1e-10;

    /// <summary>
    /// Writes <paramref name="sae"/> into <paramref name="directory"/> as float32; <paramref name="extraConfig"/> adds
    /// fields (SaeLab's training settings) to cfg.json beside the SAELens ones.
    /// </summary>
    public static void Save(string directory, ISparseAutoencoder sae, IReadOnlyDictionary<string, JsonNode?>? extraConfig = null) =>
        Save(directory, sae, SaeSaveOptions.Default with { ExtraConfig = extraConfig });

    /// <summary>Writes <paramref name="sae"/> into <paramref name="directory"/> in the SAELens layout as <paramref name="options"/> say.</summary>
    public static void Save(string directory, ISparseAutoencoder sae, SaeSaveOptions options)
    {
        options.Validate();
        Directory.CreateDirectory(directory);
        SafeTensorsFile.Write(
            Path.Combine(directory, WeightsFileName),
            sae.ExportTensors().Select(pair => new KeyValuePair<string, HostTensor>(pair.Key, Narrow(pair.Value, options.WeightsDType))));
        if (options.FeatureFrequencies is { } frequencies)
        {
            WriteSparsity(directory, frequencies);
        }

        var config = new JsonObject
        {
            ["architecture"] = sae.Architecture,
            ["d_in"] = sae.DIn,
            ["d_sae"] = sae.DSae,
            ["dtype"] = DTypeInfo.DisplayName(options.WeightsDType),
            ["apply_b_dec_to_input"] = sae is DictionarySae { ApplyBDecToInput: true },
            ["normalize_activations"] = "none",
        };
        if (options.ModelName is { } model)
        {
            config["model_name"] = model;
        }

        if (options.HookName is { } hook)
        {
            config["hook_name"] = hook;
        }

        IEnumerable<KeyValuePair<string, JsonNode?>> architectureEntries = sae is DictionarySae dictionary ? dictionary.ConfigEntries() : [];
        foreach (var (key, value) in architectureEntries.Concat(options.ExtraConfig ?? new Dictionary<string, JsonNode?>()))
        {
            config[key] = value?.DeepClone();
        }

        config[SaeLabVersion.Key] = SaeLabVersion.Current;
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFileName), config.ToJsonString(JsonFiles.Options) + "\n");
    }

    /// <summary>
    /// Writes <c>sparsity.safetensors</c> into <paramref name="directory"/>: tensor <c>sparsity</c> [d_sae] =
    /// log10(frequency + 1e-10), where a frequency is the fraction of inputs on which the feature fired.
    /// </summary>
    public static void WriteSparsity(string directory, IReadOnlyList<double> frequencies)
    {
        float[] logFrequencies = frequencies.Select(f => (float)Math.Log10(f + SparsityEpsilon)).ToArray();
        SafeTensorsFile.Write(
            Path.Combine(directory, SparsityFileName),
            [new(SparsityTensorName, HostTensor.FromFloat32(logFrequencies, logFrequencies.Length))]);
    }

    /// <summary>The log10 feature frequencies of <c>sparsity.safetensors</c> in <paramref name="directory"/>; null when absent.</summary>
    public static float[]? ReadSparsity(string directory)
    {
        string path = Path.Combine(directory, SparsityFileName);
        return File.Exists(path)
            ? (SafeTensorsFile.Read(path).Find(SparsityTensorName) ?? throw SaeLabException.ForFile(path, $"missing tensor '{SparsityTensorName}'")).ToFloat32()
            : null;
    }

    private static HostTensor Narrow(HostTensor tensor, DType dtype) =>
        tensor.DType == dtype || !DTypeInfo.IsFloat(tensor.DType) ? tensor : FloatEncoding.Encode(tensor.ToFloat32(), dtype, tensor.Shape);
}
