using System.Text.Json;
using SaeLab.IO;
using SaeLab.Settings;
using SaeLab.Training.Methods;

namespace SaeLab.Training.Checkpoints;

/// <summary>
/// One declared setting (<see cref="SettingTable{T}"/>) on which two training configs disagree, with each side's value
/// as JSON ("none" when unset).
/// </summary>
public sealed record TrainingConfigDifference(Setting Setting, string Requested, string Stored)
{
    /// <summary>
    /// The settings on which <paramref name="requested"/> and <paramref name="stored"/> differ, the training methods'
    /// after the config's own, each in declaration order: what decides whether a checkpoint of <paramref name="stored"/>
    /// can be resumed as <paramref name="requested"/> (it can when there are none).
    /// </summary>
    public static IReadOnlyList<TrainingConfigDifference> Between(SaeTrainingConfig requested, SaeTrainingConfig stored) =>
        [.. Differences(SettingTable<SaeTrainingConfig>.All, requested, stored), .. Differences(SettingTable<TrainingMethods>.All, requested.Methods, stored.Methods)];

    /// <summary>The setting's experiment-file and checkpoint key (<c>learning_rate</c>).</summary>
    public string Key => Setting.Key;

    /// <summary>The setting's command-line flag (<c>--lr</c>).</summary>
    public string OptionName => Setting.Flag;

    // Compared as JSON, as they are stored, so that lists compare by their elements.
    private static IEnumerable<TrainingConfigDifference> Differences(IReadOnlyList<Setting> settings, object requested, object stored) =>
        settings
            .Select(setting => new TrainingConfigDifference(setting, Text(setting.ValueIn(requested)), Text(setting.ValueIn(stored))))
            .Where(difference => difference.Requested != difference.Stored);

    private static string Text(object? value) => value is null ? "none" : JsonSerializer.Serialize(value, JsonFiles.Options);
}
