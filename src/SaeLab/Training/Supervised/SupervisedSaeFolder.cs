using SaeLab.IO;
using SaeLab.Sae;

namespace SaeLab.Training.Supervised;

/// <summary>
/// The folder a supervised run leaves: <see cref="TrainedSaeFolder"/>'s plain SAELens checkpoint and
/// <c>training.json</c>, plus <c>head.safetensors</c> (<see cref="LinearHead"/>) and <c>supervised.json</c>
/// (<see cref="SupervisedLog"/>). SAE loaders ignore the extra files.
/// </summary>
public static class SupervisedSaeFolder
{
    public const string LogFileName = "supervised.json";

    /// <summary>
    /// Writes <paramref name="result"/>, trained with <paramref name="config"/> and <paramref name="supervised"/> on
    /// <paramref name="data"/>; the SAE saved as <paramref name="save"/> says (the head stays float32).
    /// </summary>
    public static SupervisedLog Save(
        string directory, SupervisedTrainingResult result, SaeTrainingConfig config, SupervisedConfig supervised, string data, SaeSaveOptions? save = null)
    {
        SupervisedSplit split = result.Split;
        TrainedSaeFolder.Save(directory, result.Training, config, data, split.Rows.Length, save);
        result.Head.Save(directory);
        var log = new SupervisedLog(supervised, split.Classes, split.Rows.Length, split.TrainProblems.Length, split.TestProblems, result.Epochs);
        JsonFiles.Write(Path.Combine(directory, LogFileName), log);
        return log;
    }
}
