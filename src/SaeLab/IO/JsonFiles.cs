using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SaeLab.IO;

/// <summary>
/// The one JSON convention of SaeLab's outputs: snake_case names, indented, NaN/Infinity written as the named
/// literals Python's json module reads, and atomic file writes.
/// </summary>
public static class JsonFiles
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// Serialises <paramref name="value"/> to <paramref name="path"/> atomically; an object gets the SaeLab build that
    /// wrote it as its first field (<see cref="SaeLabVersion.Key"/>), which readers of the records ignore.
    /// </summary>
    public static void Write<T>(string path, T value)
    {
        JsonNode? node = JsonSerializer.SerializeToNode(value, Options);
        if (node is JsonObject fields && !fields.ContainsKey(SaeLabVersion.Key))
        {
            fields.Insert(0, SaeLabVersion.Key, SaeLabVersion.Current);
        }

        AtomicFile.WriteAllText(path, (node?.ToJsonString(Options) ?? "null") + "\n");
    }

    /// <summary>Reads a JSON file into <typeparamref name="T"/>, with one clear error naming the file.</summary>
    public static T Read<T>(string path)
    {
        byte[] bytes = FileBytes.ReadNonEmpty(path);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                ?? throw SaeLabException.ForFile(path, "JSON file holds null");
        }
        catch (JsonException e)
        {
            throw SaeLabException.ForFile(path, $"invalid JSON ({e.Message})");
        }
    }
}
