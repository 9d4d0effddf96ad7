using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;

namespace SaeLab.Data;

/// <summary>The flat formats: safetensors, .npy and .npz (named arrays, no nesting).</summary>
public static partial class ActivationLoader
{
    private static Contents FromNpy(NpyArray array, ActivationLoadOptions options, string path)
    {
        var contents = new Contents(NumericActivations(array, options, path));
        contents.Tensors.Add(Summary("(array)", contents.Activations));
        return contents;
    }

    private static Contents FromNpz(IReadOnlyList<KeyValuePair<string, NpyArray>> arrays, ActivationLoadOptions options, string path)
    {
        NpyArray activations = arrays.FirstOrDefault(a => a.Key == options.ActivationsKey).Value
            ?? throw MissingActivations(options, arrays.Select(a => a.Key), path);
        var contents = new Contents(NumericActivations(activations, options, path));
        foreach (var (name, array) in arrays)
        {
            if (array.Numbers is { } tensor)
            {
                contents.Tensors.Add(Summary(name, tensor));
            }

            if (name == options.ActivationsKey)
            {
                continue;
            }

            if (array.Numbers is { } numbers)
            {
                contents.AddTensorColumn(name, numbers);
            }
            else if (array.Unread is { } reason)
            {
                contents.Notes.Add($"'{name}' {array.Description} {reason}; ignored");
            }
            else if (array.Shape is [var length] && contents.IsColumnLength(length))
            {
                contents.Columns.Add(new StringColumn(name, array.Strings!));
            }
            else
            {
                contents.Notes.Add($"'{name}' {array.Description} is not one value per vector; ignored");
            }
        }

        return contents;
    }

    private static Contents FromSafeTensors(SafeTensorsContents file, ActivationLoadOptions options, string path)
    {
        HostTensor activations = file.Find(options.ActivationsKey)
            ?? throw MissingActivations(options, file.Tensors.Select(t => t.Key), path);
        var contents = new Contents(activations);
        foreach (var (name, tensor) in file.Tensors)
        {
            contents.Tensors.Add(Summary(name, tensor));
            if (name != options.ActivationsKey)
            {
                contents.AddTensorColumn(name, tensor);
            }
        }

        if (file.Metadata.TryGetValue(StringColumnsMetadataKey, out string? columnsJson))
        {
            contents.Columns.AddRange(ParseStringColumns(columnsJson, path));
        }

        if (file.Metadata.TryGetValue(InfoMetadataKey, out string? infoJson))
        {
            contents.Info = ParseJsonObject(infoJson, InfoMetadataKey, path);
        }

        return contents;
    }

    private static HostTensor NumericActivations(NpyArray array, ActivationLoadOptions options, string path) =>
        array.Numbers ?? throw new FileFormatException(path, $"activations '{options.ActivationsKey}' are {array.Description}, not numbers");

    private static FileFormatException MissingActivations(ActivationLoadOptions options, IEnumerable<string> present, string path) =>
        new(path, $"no activations '{options.ActivationsKey}'", $"entries present: {string.Join(", ", present)}; name one with --activations-key");

    private static TensorSummary Summary(string name, HostTensor tensor) => new(name, tensor.DType, tensor.Shape);

    private static IEnumerable<StringColumn> ParseStringColumns(string json, string path)
    {
        JsonObject columns = ParseJsonObject(json, StringColumnsMetadataKey, path);
        return columns.Select(pair => new StringColumn(pair.Key, pair.Value is JsonArray items && items.All(i => i?.GetValueKind() == JsonValueKind.String)
            ? items.Select(i => i!.GetValue<string>()).ToArray()
            : throw new FileFormatException(path, $"{StringColumnsMetadataKey} column '{pair.Key}' is not an array of strings")));
    }

    private static JsonObject ParseJsonObject(string json, string key, string path)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new FileFormatException(path, $"__metadata__[\"{key}\"] is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FileFormatException(path, $"__metadata__[\"{key}\"] is not valid JSON ({e.Message})");
        }
    }
}
