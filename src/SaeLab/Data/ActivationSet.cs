namespace SaeLab.Data;

/// <summary>
/// N activation vectors of dimension d (float32, row-major) with per-vector metadata columns. The seed's
/// files hold problems × layers × tokens vectors, each tagged with its problem id, layer, token position and
/// a label; any other columns are kept.
/// </summary>
public sealed class ActivationSet
{
    private readonly Dictionary<string, MetadataColumn> _columns;

    public ActivationSet(float[] values, int count, int dim, IEnumerable<MetadataColumn> columns, string source)
    {
        if ((long)count * dim != values.LongLength)
        {
            throw new ArgumentException($"{count} × {dim} activations need {(long)count * dim} values, got {values.LongLength}");
        }

        Values = values;
        Count = count;
        Dim = dim;
        Source = source;
        _columns = new Dictionary<string, MetadataColumn>(StringComparer.Ordinal);
        foreach (MetadataColumn column in columns)
        {
            if (column.Length != count)
            {
                throw SaeLabException.ForFile(source, $"metadata column '{column.Name}' has {column.Length} entries for {count} vectors");
            }

            _columns[column.Name] = column;
        }
    }

    /// <summary>All vectors, row-major [Count, Dim].</summary>
    public float[] Values { get; }

    public int Count { get; }

    public int Dim { get; }

    /// <summary>Where the set came from (a path, or a description of a generator), for messages.</summary>
    public string Source { get; }

    public IReadOnlyCollection<MetadataColumn> Columns => _columns.Values;

    /// <summary>Vector <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Dim, Dim);

    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>A whole-number column; a clear error names the file and the columns it has when missing.</summary>
    public long[] Ints(string name) => Column(name) switch
    {
        IntColumn ints => ints.Values,
        _ => throw SaeLabException.ForFile(Source, $"metadata column '{name}' holds strings, not numbers"),
    };

    /// <summary>A string column (labels); a clear error when missing or numeric.</summary>
    public string[] Strings(string name) => Column(name) switch
    {
        StringColumn strings => strings.Values,
        _ => throw SaeLabException.ForFile(Source, $"metadata column '{name}' holds numbers, not label strings"),
    };

    public MetadataColumn Column(string name) =>
        _columns.TryGetValue(name, out MetadataColumn? column)
            ? column
            : throw SaeLabException.ForFile(
                Source,
                $"no metadata column '{name}'",
                $"columns present: {(_columns.Count == 0 ? "none" : string.Join(", ", _columns.Keys))}");

    /// <summary>The vectors at <paramref name="rows"/>, in that order, with their metadata, as a new set (a copy) described as <paramref name="source"/>.</summary>
    public ActivationSet TakeRows(IReadOnlyList<int> rows, string source)
    {
        float[] values = new float[(long)rows.Count * Dim];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * Dim, Dim));
        }

        return new ActivationSet(values, rows.Count, Dim, _columns.Values.Select(c => c.Take(rows)), source);
    }

    /// <summary>A new set with one more (or a replaced) column, sharing the activations.</summary>
    public ActivationSet WithColumn(MetadataColumn column) =>
        new(Values, Count, Dim, _columns.Values.Where(c => c.Name != column.Name).Append(column), Source);
}
