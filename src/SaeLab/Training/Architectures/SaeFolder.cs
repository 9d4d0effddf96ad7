using SaeLab.Formats.SafeTensors;
using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// Reads an SAE folder of any layout SaeLab knows: the SAELens layout it writes (<see cref="SaeCheckpoint"/>; SAELens 6
/// and earlier, <see cref="SaeLensConfig"/>), whose <c>architecture</c> the architecture table loads
/// (<see cref="SaeArchitectures.Load"/>); EleutherAI sparsify's (<see cref="SparsifyFolder"/>);
/// saprmarks/dictionary_learning's (<see cref="DictionaryLearningFolder"/>); the seed pipeline's <c>sae_weights.pt</c>
/// (<see cref="SeedCheckpoint"/>); and a folder holding one sub-folder of any of them.
/// </summary>
public static class SaeFolder
{
    /// <summary>Each layout's weights file, in detection order (a folder holding several loads as the first).</summary>
    private static readonly (SaeFolderLayout Layout, string WeightsFile)[] Layouts =
    [
        (SaeFolderLayout.SaeLens, SaeCheckpoint.WeightsFileName),
        (SaeFolderLayout.Sparsify, SparsifyFolder.WeightsFileName),
        (SaeFolderLayout.DictionaryLearning, DictionaryLearningFolder.WeightsFileName),
        (SaeFolderLayout.Seed, SeedCheckpoint.FileName),
    ];

    private static readonly string ExpectedFiles =
        $"expected {SaeCheckpoint.ConfigFileName} + {SaeCheckpoint.WeightsFileName} (SAELens), {SaeCheckpoint.ConfigFileName} + {SparsifyFolder.WeightsFileName} (sparsify), "
        + $"{DictionaryLearningFolder.ConfigFileName} + {DictionaryLearningFolder.WeightsFileName} (dictionary_learning) "
        + $"or {SeedCheckpoint.FileName} (the seed pipeline)";

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
        string configPath = Path.Combine(directory, SaeCheckpoint.ConfigFileName);
        SaeLensConfig config = SaeLensConfig.Parse(CfgJson.Read(configPath), configPath);
        string weightsPath = Path.Combine(directory, SaeCheckpoint.WeightsFileName);
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
}
