using System.Text.Json;
using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;

namespace SaeLab.Data;

/// <summary>
/// Writes an <see cref="ActivationSet"/> in the layouts <see cref="ActivationLoader"/> reads back:
/// safetensors (tensor <c>activations</c> F32 [N, d], one I64 [N] tensor per integer column, string columns and
/// the info dict as JSON in <c>__metadata__</c>) or .npz (<c>activations</c>, one array per column; no info).
/// </summary>
public static class ActivationWriter
{
    /// <summary>The array/tensor name of the activations.</summary>
    public const string ActivationsName = "activations";

    /// <summary>safetensors <c>__metadata__</c> key of the SaeLab build that wrote the file.</summary>
    public const string VersionMetadataKey = "saelab.version";

    /// <summary>The formats <see cref="Write"/> supports.</summary>
    public static IReadOnlyList<ActivationFileFormat> Writable { get; } = [ActivationFileFormat.SafeTensors, ActivationFileFormat.Npz];

    /// <summary>
    /// Writes <paramref name="set"/> to <paramref name="path"/> atomically; <paramref name="format"/> defaults to the
    /// one the extension names (.safetensors, .npz). <paramref name="dtype"/> is the activations' element type: float32
    /// (null), float16 or bfloat16 (rounded to nearest even; .npz has no bfloat16).
    /// </summary>
    public static void Write(ActivationSet set, string path, ActivationFileFormat? format = null, JsonObject? info = null, DType? dtype = null)
    {
        ActivationFileFormat target = TargetFormat(path, format, dtype);
        if (set.HasColumn(ActivationsName))
        {
            throw SaeLabException.ForFile(path, $"a metadata column is named '{ActivationsName}', the name of the activations tensor", "rename that column");
        }

        HostTensor activations = FloatEncoding.Encode(set.Values, dtype ?? DType.Float32, set.Count, set.Dim);
        switch (target)
        {
            case ActivationFileFormat.SafeTensors:
                WriteSafeTensors(set, activations, path, info);
                break;
            case ActivationFileFormat.Npz:
                WriteNpz(set, activations, path);
                break;
            default:
                throw SaeLabException.ForFile(path, $"cannot write {target}", $"writable formats: {string.Join(", ", Writable)}");
        }
    }

    /// <summary>
    /// The format <see cref="Write"/> writes <paramref name="path"/> in: <paramref name="format"/>, or the one the
    /// extension names; refused when it cannot hold <paramref name="dtype"/>.
    /// </summary>
    public static ActivationFileFormat TargetFormat(string path, ActivationFileFormat? format = null, DType? dtype = null)
    {
        ActivationFileFormat target = format ?? FormatFromExtension(path);
        if (target == ActivationFileFormat.Npz && dtype == DType.BFloat16)
        {
            throw SaeLabException.ForFile(path, ".npz cannot hold bfloat16 (numpy has no such dtype)", "write safetensors, or use float16");
        }

        return target;
    }

    /// <summary>The writable format called <paramref name="name"/> ("safetensors" or "npz", any case).</summary>
    public static ActivationFileFormat FormatFromName(string name) => name.ToLowerInvariant() switch
    {
        "safetensors" => ActivationFileFormat.SafeTensors,
        "npz" => ActivationFileFormat.Npz,
        _ => throw new SaeLabException($"--format '{name}' is not a writable format; use safetensors or npz"),
    };

    /// <summary>The format an output path's extension names.</summary>
    public static ActivationFileFormat FormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".safetensors" => ActivationFileFormat.SafeTensors,
        ".npz" => ActivationFileFormat.Npz,
        string other => throw SaeLabException.ForFile(path, $"no writable format for extension '{other}'", "use .safetensors or .npz, or name the format"),
    };

    private static void WriteSafeTensors(ActivationSet set, HostTensor activations, string path, JsonObject? info)
    {
        var (tensors, metadata) = SafeTensorsColumns(set.Columns);
        if (info is not null)
        {
            metadata[ActivationLoader.InfoMetadataKey] = info.ToJsonString();
        }

        SafeTensorsFile.Write(path, [new(ActivationsName, activations), .. tensors], metadata);
    }

    /// <summary>
    /// Metadata columns as the loader reads them from safetensors: whole-number columns as int64 tensors, string
    /// columns as JSON in the header's <see cref="ActivationLoader.StringColumnsMetadataKey"/>; the header also
    /// records the SaeLab build (<see cref="VersionMetadataKey"/>).
    /// </summary>
    internal static (List<KeyValuePair<string, HostTensor>> Tensors, Dictionary<string, string> Metadata) SafeTensorsColumns(IEnumerable<MetadataColumn> columns)
    {
        var tensors = new List<KeyValuePair<string, HostTensor>>();
        var strings = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (MetadataColumn column in columns)
        {
            switch (column)
            {
                case IntColumn ints:
                    tensors.Add(new(column.Name, HostTensor.FromInt64(ints.Values, ints.Length)));
                    break;
                case StringColumn text:
                    strings[column.Name] = text.Values;
                    break;
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [VersionMetadataKey] = SaeLabVersion.Current };
        if (strings.Count > 0)
        {
            metadata[ActivationLoader.StringColumnsMetadataKey] = JsonSerializer.Serialize(strings);
        }

        return (tensors, metadata);
    }

    private static void WriteNpz(ActivationSet set, HostTensor activations, string path) =>
        NpzFile.Write(path, [new(ActivationsName, NpyArray.OfNumbers(activations)), .. NpzColumns(set.Columns)]);

    /// <summary>Metadata columns as .npz arrays: int64 for whole numbers, numpy unicode for strings.</summary>
    internal static IEnumerable<KeyValuePair<string, NpyArray>> NpzColumns(IEnumerable<MetadataColumn> columns) =>
        columns.Select(column => new KeyValuePair<string, NpyArray>(column.Name, column switch
        {
            IntColumn ints => NpyArray.OfNumbers(HostTensor.FromInt64(ints.Values, ints.Length)),
            StringColumn text => NpyArray.OfStrings(text.Values, text.Length),
            _ => throw new InvalidOperationException($"unknown column type {column.GetType().Name}"),
        }));
}
