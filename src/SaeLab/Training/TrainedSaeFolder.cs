using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Tensors;

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
    /// <paramref name="data"/>; the weights as <paramref name="weightsDType"/> (float32, or float16 / bfloat16 rounded to
    /// nearest even, see <see cref="SaeSaveOptions.WeightsDType"/>).
    /// </summary>
    public static TrainingLog Save(string directory, TrainingResult result, SaeTrainingConfig config, string data, int vectors, DType weightsDType = DType.Float32)
    {
        var log = new TrainingLog(data, vectors, result.Sae.DIn, result.Sae.DSae, config, result.Epochs, result.Seconds, result.Methods);
        JsonObject settings = JsonSerializer.SerializeToNode(config, JsonFiles.Options)!.AsObject();
        SaeCheckpoint.Save(directory, result.Sae, new SaeSaveOptions { WeightsDType = weightsDType, ExtraConfig = settings.ToDictionary(pair => pair.Key, pair => pair.Value) });
        JsonFiles.Write(Path.Combine(directory, LogFileName), log);
        return log;
    }
}
