using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.IO;

namespace SaeLab.Sae;

/// <summary>Reads SAE JSON configs (<c>cfg.json</c>, dictionary_learning's <c>config.json</c>) and their typed fields with errors that name the file and the key.</summary>
internal static class CfgJson
{
    public static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(FileBytes.ReadNonEmpty(path), documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw SaeLabException.ForFile(path, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw SaeLabException.ForFile(path, $"invalid JSON ({e.Message})");
        }
    }

    public static int PositiveInt(JsonObject config, string key, string path)
    {
        int value = OptionalInt(config, key, path) ?? throw SaeLabException.ForFile(path, $"missing '{key}'");
        return value > 0 ? value : throw SaeLabException.ForFile(path, $"'{key}' must be positive, got {value}");
    }

    public static int? OptionalInt(JsonObject config, string key, string path) => config[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number) => number,
        JsonNode other => throw SaeLabException.ForFile(path, $"'{key}' is {other.ToJsonString()}, not an integer"),
    };

    public static bool? OptionalBool(JsonObject config, string key, string path) => config[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonNode other => throw SaeLabException.ForFile(path, $"'{key}' is {other.ToJsonString()}, not true or false"),
    };

    public static string? OptionalString(JsonObject config, string key, string path) => config[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonNode other => throw SaeLabException.ForFile(path, $"'{key}' is {other.ToJsonString()}, not a string"),
    };

    public static JsonObject? OptionalObject(JsonObject config, string key, string path) => config[key] switch
    {
        null => null,
        JsonObject value => value,
        JsonNode other => throw SaeLabException.ForFile(path, $"'{key}' is {other.ToJsonString()}, not an object"),
    };
}
