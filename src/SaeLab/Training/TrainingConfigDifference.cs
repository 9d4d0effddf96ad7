using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.IO;

namespace SaeLab.Training;

/// <summary>
/// One setting on which two training configs disagree: its snake_case key (the experiment file's and checkpoint's
/// name; the CLI option is <c>--</c> plus the key in kebab case, except <c>learning_rate</c>'s <c>--lr</c>) and each
/// side's value as JSON ("none" when unset).
/// </summary>
public sealed record TrainingConfigDifference(string Key, string Requested, string Stored)
{
    /// <summary>
    /// The settings on which <paramref name="requested"/> and <paramref name="stored"/> differ, the nested training
    /// methods laid flat (each is a setting of its own), in the config's order: what decides whether a checkpoint of
    /// <paramref name="stored"/> can be resumed as <paramref name="requested"/> (it can when there are none).
    /// </summary>
    public static IReadOnlyList<TrainingConfigDifference> Between(SaeTrainingConfig requested, SaeTrainingConfig stored)
    {
        Dictionary<string, JsonNode?> mine = Settings(requested), theirs = Settings(stored);
        return [.. mine.Keys.Union(theirs.Keys)
            .Where(key => !JsonNode.DeepEquals(mine.GetValueOrDefault(key), theirs.GetValueOrDefault(key)))
            .Select(key => new TrainingConfigDifference(key, Text(mine.GetValueOrDefault(key)), Text(theirs.GetValueOrDefault(key))))];
    }

    /// <summary>The setting's CLI option: <c>--</c> and the key in kebab case, <c>--lr</c> for the learning rate.</summary>
    public string OptionName => Key == "learning_rate" ? "--lr" : "--" + Key.Replace('_', '-');

    private static string Text(JsonNode? value) => value?.ToJsonString() ?? "none";

    private static Dictionary<string, JsonNode?> Settings(SaeTrainingConfig config)
    {
        JsonObject json = JsonSerializer.SerializeToNode(config, JsonFiles.Options)!.AsObject();
        return json.SelectMany(pair => pair.Value is JsonObject nested ? nested.AsEnumerable() : [pair]).ToDictionary(pair => pair.Key, pair => pair.Value);
    }
}
