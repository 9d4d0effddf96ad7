using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.SafeTensors;
using SaeLab.IO;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// SAE folders on disk. SaeLab writes the SAELens layout (<c>sae_lens/saes/sae.py</c>, <c>save_model</c>):
/// <c>cfg.json</c> (<c>architecture</c>, <c>d_in</c>, <c>d_sae</c>, <c>dtype</c>, <c>apply_b_dec_to_input</c>,
/// <c>normalize_activations</c>, <c>k</c> for TopK, …), <c>sae_weights.safetensors</c> with the architecture's
/// tensors and, when feature frequencies are known, <c>sparsity.safetensors</c>. It reads that layout (SAELens 6 and
/// earlier, <see cref="SaeLensConfig"/>), EleutherAI sparsify's (<see cref="SparsifyFolder"/>), saprmarks/dictionary_learning's
/// (<see cref="DictionaryLearningFolder"/>), the seed pipeline's <c>sae_weights.pt</c> (<see cref="SeedCheckpoint"/>), and a
/// folder holding one sub-folder of any of them.
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

    /// <summary>Each layout's weights file, in detection order (a folder holding several loads as the first).</summary>
    private static readonly (SaeFolderLayout Layout, string WeightsFile)[] Layouts =
    [
        (SaeFolderLayout.SaeLens, WeightsFileName),
        (SaeFolderLayout.Sparsify, SparsifyFolder.WeightsFileName),
        (SaeFolderLayout.DictionaryLearning, DictionaryLearningFolder.WeightsFileName),
        (SaeFolderLayout.Seed, SeedCheckpoint.FileName),
    ];

    private static readonly string ExpectedFiles =
        $"expected {ConfigFileName} + {WeightsFileName} (SAELens), {ConfigFileName} + {SparsifyFolder.WeightsFileName} (sparsify), "
        + $"{DictionaryLearningFolder.ConfigFileName} + {DictionaryLearningFolder.WeightsFileName} (dictionary_learning) "
        + $"or {SeedCheckpoint.FileName} (the seed pipeline)";

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

    /// <summary>
    /// Loads the SAE at <paramref name="path"/>: a folder in one of the <see cref="SaeFolderLayout"/>s, a folder holding
    /// exactly one such sub-folder (several: a user error listing them), or a file: a layout's weights file loads its
    /// folder, any other file is read as the seed's checkpoint (<c>sae_weights.pt</c> under whatever name).
    /// </summary>
    public static ISparseAutoencoder Load(string path)
    {
        if (File.Exists(path))
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return LayoutOfWeightsFile(Path.GetFileName(path)) is SaeFolderLayout layout and not SaeFolderLayout.Seed
                ? LoadLayout(layout, directory)
                : SeedCheckpoint.Load(path);
        }

        if (!Directory.Exists(path))
        {
            throw SaeLabException.ForFile(path, "SAE folder or file not found", ExpectedFiles);
        }

        return DetectLayout(path) is SaeFolderLayout detected ? LoadLayout(detected, path) : Load(SingleHookpoint(path));
    }

    /// <summary>The layout of the SAE folder <paramref name="directory"/>; null when it holds no layout's weights file.</summary>
    public static SaeFolderLayout? DetectLayout(string directory) =>
        Layouts.Where(layout => File.Exists(Path.Combine(directory, layout.WeightsFile))).Select(layout => (SaeFolderLayout?)layout.Layout).FirstOrDefault();

    private static SaeFolderLayout? LayoutOfWeightsFile(string fileName) =>
        Layouts.Where(layout => layout.WeightsFile == fileName).Select(layout => (SaeFolderLayout?)layout.Layout).FirstOrDefault();

    private static ISparseAutoencoder LoadLayout(SaeFolderLayout layout, string directory) => layout switch
    {
        SaeFolderLayout.SaeLens => LoadSaeLens(directory),
        SaeFolderLayout.Sparsify => SparsifyFolder.Load(directory),
        SaeFolderLayout.DictionaryLearning => DictionaryLearningFolder.Load(directory),
        _ => SeedCheckpoint.Load(Path.Combine(directory, SeedCheckpoint.FileName)),
    };

    private static DictionarySae LoadSaeLens(string directory)
    {
        string configPath = Path.Combine(directory, ConfigFileName);
        SaeLensConfig config = SaeLensConfig.Parse(CfgJson.Read(configPath), configPath);
        string weightsPath = Path.Combine(directory, WeightsFileName);
        var weights = new SaeWeights(config, configPath, SafeTensorsFile.Read(weightsPath), weightsPath);
        DictionarySae sae = SaeArchitectures.Load(weights);
        if (config.FinetuningScalingFactor)
        {
            sae.ScaleDecoderRows(weights.Read("finetuning_scaling_factor", [config.DSae]));
        }

        return sae;
    }

    private static string SingleHookpoint(string directory)
    {
        List<string> hookpoints = Directory.EnumerateDirectories(directory)
            .Where(sub => DetectLayout(sub) is not null)
            .Order(StringComparer.Ordinal)
            .ToList();
        return hookpoints.Count switch
        {
            1 => hookpoints[0],
            0 => throw SaeLabException.ForFile(directory, "no SAE in this folder", ExpectedFiles),
            _ => throw SaeLabException.ForFile(
                directory,
                $"holds {hookpoints.Count} SAEs, one per sub-folder (hookpoint or trainer)",
                $"pass one of: {string.Join(", ", hookpoints.Select(Path.GetFileName))}"),
        };
    }

    private static HostTensor Narrow(HostTensor tensor, DType dtype) =>
        tensor.DType == dtype || !DTypeInfo.IsFloat(tensor.DType) ? tensor : FloatEncoding.Encode(tensor.ToFloat32(), dtype, tensor.Shape);
}
