using SaeLab.Formats;
using SaeLab.IO;
using SaeLab.Tensors;

namespace SaeLab.Data.Shards;

/// <summary>
/// Writes row sources, one after the other, as a shard folder: <c>shard-00000.safetensors</c>, … (each an
/// <see cref="ActivationWriter"/> safetensors file, readable by every command on its own) and <c>index.json</c>
/// (<see cref="ShardIndex"/>), written last so that an interrupted run leaves no index. Only one shard is in
/// memory at a time, so a source larger than memory (a streamed file, another shard folder) can be split.
/// </summary>
public static class ShardWriter
{
    /// <summary>
    /// Splits (one source) or concatenates (several) <paramref name="sources"/> into <paramref name="folder"/>. The sources
    /// must share d and their column names and kinds; vectors holding non-finite values are refused, naming the source and
    /// row, or dropped (with their metadata) under <see cref="ShardingConfig.SkipNonFinite"/>, so a shard may hold fewer rows.
    /// </summary>
    public static ShardIndex Write(IReadOnlyList<IRowSource> sources, string folder, ShardingConfig config)
    {
        config.Validate();
        CheckCompatible(sources);
        Directory.CreateDirectory(folder);
        int dim = sources[0].Dim;
        int rowsPerShard = config.ResolveRowsPerShard(dim);
        var entries = new List<ShardEntry>();
        var pending = new List<(IRowSource Source, long First, int Count)>();
        int pendingRows = 0;
        foreach (IRowSource source in sources)
        {
            for (long first = 0; first < source.Rows;)
            {
                int take = (int)Math.Min(rowsPerShard - pendingRows, source.Rows - first);
                pending.Add((source, first, take));
                pendingRows += take;
                first += take;
                if (pendingRows == rowsPerShard)
                {
                    AddShard(entries, folder, pending, sources[0], config);
                    pending.Clear();
                    pendingRows = 0;
                }
            }
        }

        if (pendingRows > 0)
        {
            AddShard(entries, folder, pending, sources[0], config);
        }

        if (entries.Count == 0)
        {
            throw SaeLabException.ForFile(sources[0].Source, "every vector holds a non-finite value (NaN or ±Inf): no finite vector is left to shard");
        }

        var index = new ShardIndex(
            ShardIndex.FormatName, ShardIndex.CurrentVersion, dim, DTypeInfo.DisplayName(config.DType), entries.Sum(e => e.Rows), sources[0].Columns, entries);
        JsonFiles.Write(Path.Combine(folder, ShardIndex.FileName), index);
        return index;
    }

    private static void CheckCompatible(IReadOnlyList<IRowSource> sources)
    {
        if (sources.Count == 0 || sources.All(s => s.Rows == 0))
        {
            throw new SaeLabException("no vectors to shard: give at least one non-empty input");
        }

        IRowSource first = sources[0];
        foreach (IRowSource other in sources.Skip(1))
        {
            if (other.Dim != first.Dim)
            {
                throw SaeLabException.ForFile(other.Source, $"vectors have d = {other.Dim}, but {first.Source} has d = {first.Dim}", "only sets of one dimension can be concatenated");
            }

            if (!other.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).SequenceEqual(first.Columns.OrderBy(c => c.Name, StringComparer.Ordinal)))
            {
                throw SaeLabException.ForFile(
                    other.Source,
                    $"columns ({Describe(other.Columns)}) differ from those of {first.Source} ({Describe(first.Columns)})",
                    "concatenated sets need the same metadata columns");
            }
        }
    }

    private static string Describe(IReadOnlyList<ShardColumn> columns) =>
        columns.Count == 0 ? "none" : string.Join(", ", columns.Select(c => $"{c.Name}: {c.Kind}"));

    /// <summary>Writes the next shard, unless every one of its vectors was dropped.</summary>
    private static void AddShard(List<ShardEntry> entries, string folder, List<(IRowSource Source, long First, int Count)> pieces, IRowSource layout, ShardingConfig config)
    {
        if (WriteShard(folder, entries.Count, pieces, layout, config) is { } entry)
        {
            entries.Add(entry);
        }
    }

    private static ShardEntry? WriteShard(string folder, int number, List<(IRowSource Source, long First, int Count)> pieces, IRowSource layout, ShardingConfig config)
    {
        int dim = layout.Dim;
        int rows = pieces.Sum(p => p.Count);
        var values = new float[(long)rows * dim];
        var columns = layout.Columns.ToDictionary(c => c.Name, _ => new List<MetadataColumn>(), StringComparer.Ordinal);
        int offset = 0;
        foreach ((IRowSource source, long first, int count) in pieces)
        {
            Span<float> destination = values.AsSpan(offset * dim, count * dim);
            source.ReadRows(first, count, destination);
            int[]? kept = null;
            if (NonFiniteScan.Find(destination, dim) is { } scan)
            {
                if (!config.SkipNonFinite)
                {
                    throw new FileFormatException(
                        source.Source,
                        $"vector {first + scan.FirstRow} holds a non-finite value (NaN or ±Inf) at column {scan.FirstColumn}",
                        "repair or drop those vectors first, or pass --skip-nonfinite to drop them");
                }

                kept = [.. Enumerable.Range(0, count).Except(scan.Rows)];
                NonFiniteScan.TakeRows(destination, dim, kept).CopyTo(destination);
            }

            foreach (MetadataColumn column in source.ReadColumns(first, count))
            {
                columns[column.Name].Add(kept is null ? column : column.Take(kept));
            }

            offset += kept?.Length ?? count;
        }

        if (offset == 0)
        {
            return null;
        }

        if (offset < rows)
        {
            values = values[..(offset * dim)];
            rows = offset;
        }

        string file = $"shard-{number:D5}.safetensors";
        var set = new ActivationSet(values, rows, dim, layout.Columns.Select(c => Concatenate(c, columns[c.Name])), file);
        ActivationWriter.Write(set, Path.Combine(folder, file), ActivationFileFormat.SafeTensors, dtype: config.DType);
        return new ShardEntry(file, rows);
    }

    internal static MetadataColumn Concatenate(ShardColumn column, IEnumerable<MetadataColumn> parts) => column.Kind == ShardColumn.StringKind
        ? new StringColumn(column.Name, [.. parts.SelectMany(p => ((StringColumn)p).Values)])
        : new IntColumn(column.Name, [.. parts.SelectMany(p => ((IntColumn)p).Values)]);
}
