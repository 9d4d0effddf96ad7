using System.Text.Json.Nodes;
using SaeLab.Formats;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Formats.Torch;
using SaeLab.Formats.Zip;
using SaeLab.IO;
using SaeLab.Tensors;

namespace SaeLab.Data;

/// <summary>
/// Loads an <see cref="ActivationSet"/> from a safetensors, <c>torch.save</c> (.pt), .npy or .npz file, choosing
/// the reader from the content. Layouts (docs/formats.md, "Layouts"):
/// <list type="bullet">
/// <item>.pt: the seed's <c>{'activations': [N, d], 'metadata': {column: list | 1-D tensor}, 'info': {...}}</c>,
/// a bare [N, d] tensor, or any dict with the keys named in <see cref="ActivationLoadOptions"/>.</item>
/// <item>safetensors: tensor <c>activations</c> [N, d], every other 1-D integer tensor of length N a column,
/// string columns as JSON <c>{name: [N strings]}</c> in <c>__metadata__["saelab.string_columns"]</c>, the info dict
/// as JSON in <c>__metadata__["saelab.info"]</c> (what <see cref="ActivationWriter"/> writes).</item>
/// <item>.npz: array <c>activations</c> [N, d], every other 1-D integer or unicode array of length N a column.</item>
/// <item>.npy: the [N, d] array alone; columns only from a side file (<see cref="ActivationLoadOptions.MetadataPath"/>).</item>
/// </list>
/// Activations must be a float tensor without NaN or ±Inf, [N, d] with N entries in every column, or [N, seq, d]
/// (<see cref="SequenceLayout"/>: one vector per sample and position).
/// </summary>
public static partial class ActivationLoader
{
    /// <summary>safetensors <c>__metadata__</c> key of the string columns (JSON object of string arrays).</summary>
    public const string StringColumnsMetadataKey = "saelab.string_columns";

    /// <summary>safetensors <c>__metadata__</c> key of the info dict (JSON object).</summary>
    public const string InfoMetadataKey = "saelab.info";

    private const string FolderHint =
        "pass an activation file (.safetensors, .pt, .npy or .npz); saelab train also takes a shard folder, one holding the index.json saelab shard writes";

    /// <summary>The activation set of <paramref name="path"/>.</summary>
    public static ActivationSet Load(string path, ActivationLoadOptions? options = null) => Open(path, options).Set;

    /// <summary>Reads <paramref name="path"/> with everything <c>saelab info</c> reports about it.</summary>
    public static ActivationFile Open(string path, ActivationLoadOptions? options = null)
    {
        options ??= ActivationLoadOptions.Default;
        options.Validate();
        byte[] bytes = FileBytes.ReadAll(path, FolderHint);
        (ActivationFileFormat format, Contents contents) = Decode(bytes, options, path);
        if (options.MetadataPath is not null)
        {
            contents.Columns.AddRange(ReadSideMetadata(options.MetadataPath));
        }

        return Assemble(path, format, contents, options);
    }

    private static (ActivationFileFormat, Contents) Decode(byte[] bytes, ActivationLoadOptions options, string path)
    {
        if (bytes.Length == 0)
        {
            throw new FileFormatException(path, "the file is empty (0 bytes)", "was it written completely?");
        }

        if (NpyFile.HasMagic(bytes))
        {
            return (ActivationFileFormat.Npy, FromNpy(NpyFile.Parse(bytes, path), options, path));
        }

        if (ZipEntries.HasMagic(bytes))
        {
            IReadOnlyList<KeyValuePair<string, byte[]>> entries = ZipEntries.ReadAll(bytes, path);
            return TorchFile.IsTorchArchive(entries)
                ? (ActivationFileFormat.Torch, FromTorch(TorchFile.FromEntries(entries, path), options, path))
                : (ActivationFileFormat.Npz, FromNpz(NpzFile.FromEntries(entries, path), options, path));
        }

        if (LooksLikeSafeTensors(bytes))
        {
            return (ActivationFileFormat.SafeTensors, FromSafeTensors(SafeTensorsFile.Parse(bytes, path), options, path));
        }

        throw new FileFormatException(
            path,
            "unrecognised file format",
            bytes.Length > 0 && bytes[0] == 0x80
                ? "this looks like a legacy (pre-1.6) torch.save pickle; re-save it with torch.save in a current torch"
                : "supported: safetensors, torch.save zip (.pt), .npy, .npz");
    }

    // An 8-byte little-endian header length followed by the JSON header's opening brace.
    private static bool LooksLikeSafeTensors(ReadOnlySpan<byte> bytes) => bytes.Length >= 9 && bytes[8] == (byte)'{';

    private static ActivationFile Assemble(string path, ActivationFileFormat format, Contents contents, ActivationLoadOptions options)
    {
        HostTensor activations = contents.Activations;
        if (activations.Rank is not (2 or 3) || !DTypeInfo.IsFloat(activations.DType))
        {
            throw new FileFormatException(
                path,
                $"activations '{options.ActivationsKey}' must be a float tensor [N, d] or [N, seq, d], found {DTypeInfo.DisplayName(activations.DType)}{activations.ShapeText}",
                "name the right entry with --activations-key");
        }

        if (activations.ElementCount > Array.MaxLength || activations.ElementCount / Math.Max(1, activations.Shape[^1]) > Array.MaxLength)
        {
            throw new FileFormatException(path, $"activations {activations.ShapeText} hold more values than one array can");
        }

        SequenceLayout layout = SequenceLayout.Of(activations);
        int count = layout.Vectors;
        int dim = (int)activations.Shape[^1];
        float[] values = activations.ToFloat32();
        var columns = new Dictionary<string, MetadataColumn>(StringComparer.Ordinal);
        foreach (MetadataColumn column in contents.Columns)
        {
            columns[column.Name] = layout.PerVector(column, path);
        }

        RenameKeyedColumns(columns, options, path, note =>
        {
            contents.Notes.Add(note);
            options.Notify?.Invoke(note);
        });
        foreach (string note in layout.AddPositionColumns(columns))
        {
            contents.Notes.Add(note);
            options.Notify?.Invoke(note);
        }

        if (NonFiniteScan.Find(values, dim) is { } scan)
        {
            string found = $"{scan.Count} non-finite values (NaN or ±Inf) in {scan.Rows.Count} vectors; the first at row {scan.FirstRow}, column {scan.FirstColumn}";
            if (!options.SkipNonFinite || scan.Rows.Count == count)
            {
                throw new FileFormatException(
                    path,
                    $"activations hold {found}",
                    options.SkipNonFinite ? "no finite vector is left" : "repair or drop those vectors, or pass --skip-nonfinite to drop them");
            }

            int[] kept = Enumerable.Range(0, count).Except(scan.Rows).ToArray();
            values = NonFiniteScan.TakeRows(values, dim, kept);
            count = kept.Length;
            foreach (string name in columns.Keys.ToList())
            {
                columns[name] = columns[name].Take(kept);
            }

            string note = $"skipped {scan.Rows.Count} of {count + scan.Rows.Count} vectors: {found}";
            contents.Notes.Add(note);
            options.Notify?.Invoke(note);
        }

        var set = new ActivationSet(values, count, dim, columns.Values, path);
        return new ActivationFile(path, format, set, contents.Tensors, contents.Info, contents.Notes);
    }

    // --problem-key pid: the file's 'pid' column becomes the problem column every consumer reads as 'problems'.
    private static void RenameKeyedColumns(Dictionary<string, MetadataColumn> columns, ActivationLoadOptions options, string path, Action<string> note)
    {
        foreach (var (canonical, key, flag) in options.ColumnKeys)
        {
            if (key is null || key == canonical)
            {
                continue;
            }

            if (!columns.Remove(key, out MetadataColumn? column))
            {
                throw new FileFormatException(path, $"{flag} '{key}': no metadata column of that name", $"columns present: {string.Join(", ", columns.Keys)}");
            }

            if (columns.ContainsKey(canonical))
            {
                note($"column '{canonical}' is set aside: {flag} '{key}' gives the {canonical}");
            }

            columns[canonical] = column switch
            {
                StringColumn strings => NumberedByFirstAppearance(strings, canonical, note),
                _ => column with { Name = canonical },
            };
        }
    }

    private static IntColumn NumberedByFirstAppearance(StringColumn strings, string canonical, Action<string> note)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        long[] values = [.. strings.Values.Select(value => ids.TryGetValue(value, out long id) ? id : ids[value] = ids.Count)];
        note($"'{strings.Name}' holds strings: its {ids.Count} distinct values are numbered 0..{ids.Count - 1} by first appearance as {canonical}");
        return new IntColumn(canonical, values);
    }

    /// <summary>What a format-specific reader found, before validation.</summary>
    private sealed class Contents(HostTensor activations)
    {
        public HostTensor Activations { get; } = activations;

        public List<MetadataColumn> Columns { get; } = [];

        public List<TensorSummary> Tensors { get; } = [];

        public List<string> Notes { get; } = [];

        public JsonObject? Info { get; set; }

        /// <summary>Whether a 1-D array of <paramref name="length"/> is a column: one value per vector, or per sample of [N, seq, d] activations.</summary>
        public bool IsColumnLength(long length) => Activations.Rank switch
        {
            2 => length == Activations.Shape[0],
            3 => length == Activations.Shape[0] || length == Activations.Shape[0] * Activations.Shape[1],
            _ => false,
        };

        // A 1-D tensor of whole numbers, one per vector (or, for a metadata dict that names its columns, of any
        // length, checked later), becomes a column; anything else is noted and skipped.
        public void AddTensorColumn(string name, HostTensor tensor, bool anyLength = false)
        {
            if (tensor.Rank != 1 || !(anyLength || IsColumnLength(tensor.Shape[0])))
            {
                Notes.Add($"'{name}' {DTypeInfo.DisplayName(tensor.DType)}{tensor.ShapeText} is not one value per vector; ignored");
                return;
            }

            try
            {
                Columns.Add(new IntColumn(name, tensor.ToInt64()));
            }
            catch (InvalidCastException)
            {
                Notes.Add($"'{name}' holds non-integer {DTypeInfo.DisplayName(tensor.DType)} values; ignored (columns are integers or strings)");
            }
        }
    }
}
