using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.Torch;
using SaeLab.Tensors;

namespace SaeLab.Data;

/// <summary>torch.save files: the activations and metadata are found by dotted key paths in the unpickled dicts.</summary>
public static partial class ActivationLoader
{
    private const string SeedMetadataKey = "metadata";
    private const string SeedInfoKey = "info";

    /// <summary>How deep the tensor listing of <c>saelab info</c> looks into nested containers.</summary>
    private const int TensorListingDepth = 6;

    private static Contents FromTorch(object? root, ActivationLoadOptions options, string path)
    {
        object? found = root is HostTensor ? root : Lookup(root, options.ActivationsKey)
            ?? throw new FileFormatException(path, $"no activations '{options.ActivationsKey}'", $"{KeysHint(root)}; name the tensor with --activations-key");
        var contents = new Contents(found as HostTensor
            ?? throw new FileFormatException(path, $"'{options.ActivationsKey}' is a {found.GetType().Name}, not a tensor"));
        ListTensors(root, "", 0, new HashSet<object>(ReferenceEqualityComparer.Instance), contents.Tensors);
        AddMetadata(root, options, contents, path);
        if (Lookup(root, SeedInfoKey) is PickleDict info)
        {
            contents.Info = PickleJson.ToJson(info) as JsonObject;
        }

        return contents;
    }

    private static void AddMetadata(object? root, ActivationLoadOptions options, Contents contents, string path)
    {
        object? metadata = Lookup(root, options.MetadataKey ?? SeedMetadataKey);
        if (metadata is null)
        {
            if (options.MetadataKey is not null)
            {
                throw new FileFormatException(path, $"no metadata '{options.MetadataKey}'", KeysHint(root));
            }

            return;
        }

        if (metadata is not PickleDict columns)
        {
            throw new FileFormatException(path, $"metadata '{options.MetadataKey ?? SeedMetadataKey}' is not a dict of columns");
        }

        foreach (var (key, value) in columns.Items)
        {
            AddPickleColumn(contents, key as string ?? key.ToString()!, value);
        }
    }

    // A column is a list/tuple of ints (or bools), a list/tuple of strings, or a 1-D integer tensor.
    private static void AddPickleColumn(Contents contents, string name, object? value)
    {
        IReadOnlyList<object?>? items = value switch
        {
            List<object?> list => list,
            PickleTuple tuple => tuple.Items,
            _ => null,
        };
        if (value is HostTensor tensor)
        {
            contents.AddTensorColumn(name, tensor, anyLength: true);
        }
        else if (items is not null && items.All(i => i is long or bool))
        {
            contents.Columns.Add(new IntColumn(name, items.Select(i => i is bool b ? (b ? 1L : 0L) : (long)i!).ToArray()));
        }
        else if (items is not null && items.All(i => i is string))
        {
            contents.Columns.Add(new StringColumn(name, items.Cast<string>().ToArray()));
        }
        else
        {
            contents.Notes.Add($"metadata '{name}' is not a list of integers or strings; ignored");
        }
    }

    // Follows a dotted path of string keys through dicts; null when a key is missing.
    private static object? Lookup(object? root, string dottedPath)
    {
        object? current = root;
        foreach (string key in dottedPath.Split('.'))
        {
            if (current is not PickleDict dict || !dict.TryGetValue(key, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string KeysHint(object? root) => root is PickleDict dict
        ? $"top-level keys: {string.Join(", ", dict.Items.Select(i => i.Key))}"
        : $"the file holds a {root?.GetType().Name ?? "None"}, not a dict";

    // Each container is visited once: a pickle may share containers or hold cycles.
    private static void ListTensors(object? value, string name, int depth, HashSet<object> visited, List<TensorSummary> tensors)
    {
        if (depth > TensorListingDepth || value is null || !visited.Add(value))
        {
            return;
        }

        switch (value)
        {
            case HostTensor tensor:
                tensors.Add(Summary(name.Length == 0 ? "(root)" : name, tensor));
                break;
            case PickleDict dict:
                foreach (var (key, item) in dict.Items)
                {
                    ListTensors(item, name.Length == 0 ? $"{key}" : $"{name}.{key}", depth + 1, visited, tensors);
                }

                break;
            case List<object?> list:
                for (int i = 0; i < list.Count; i++)
                {
                    ListTensors(list[i], $"{name}[{i}]", depth + 1, visited, tensors);
                }

                break;
        }
    }
}
