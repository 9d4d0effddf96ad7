using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.IO;
using SaeLab.Sae;

namespace SaeLab.Training;

/// <summary>
/// The folder a training run leaves: the SAELens checkpoint (<c>cfg.json</c> with the training settings added,
/// <c>sae_weights.safetensors</c>) and <c>training.json</c> (<see cref="TrainingLog"/>). Every file is written atomically.
/// </summary>
public static class TrainedSaeFolder
{
    public const string LogFileName = "training.json";

    /// <summary>
    /// Writes <paramref name="result"/>, trained with <paramref name="config"/> on <paramref name="vectors"/> vectors of
    /// <paramref name="data"/>; <paramref name="save"/> says the weights' element type and the model and hook names for
    /// cfg.json (<see cref="SaeSaveOptions"/>; its defaults when null), to which the training settings are added.
    /// </summary>
    public static TrainingLog Save(string directory, TrainingResult result, SaeTrainingConfig config, string data, int vectors, SaeSaveOptions? save = null)
    {
        var log = new TrainingLog(data, vectors, result.Sae.DIn, result.Sae.DSae, config, result.Epochs, result.Seconds, result.Methods);
        JsonObject settings = JsonSerializer.SerializeToNode(config, JsonFiles.Options)!.AsObject();
        SaeCheckpoint.Save(directory, result.Sae, (save ?? SaeSaveOptions.Default) with { ExtraConfig = settings.ToDictionary(pair => pair.Key, pair => pair.Value) });
        JsonFiles.Write(Path.Combine(directory, LogFileName), log);
        return log;
    }
}
