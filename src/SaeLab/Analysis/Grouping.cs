using System.Globalization;
using SaeLab.Data;

namespace SaeLab.Analysis;

/// <summary>
/// Vectors split into groups by a metadata value: the distinct values (integers in numeric order, strings in
/// ordinal order) and, per vector, the index of its group.
/// </summary>
internal sealed class Grouping
{
    private Grouping(string name, string[] keys, int[] groupOf)
    {
        Name = name;
        Keys = keys;
        GroupOf = groupOf;
        Counts = new int[keys.Length];
        foreach (int group in groupOf)
        {
            Counts[group]++;
        }
    }

    /// <summary>The column (or description) the groups come from.</summary>
    public string Name { get; }

    /// <summary>Group names, in order.</summary>
    public string[] Keys { get; }

    /// <summary>Per vector: its group.</summary>
    public int[] GroupOf { get; }

    /// <summary>Per group: how many vectors it holds.</summary>
    public int[] Counts { get; }

    public static Grouping FromColumn(MetadataColumn column)
    {
        string[] keys = column switch
        {
            IntColumn ints => ints.Values.Distinct().Order().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(),
            _ => Enumerable.Range(0, column.Length).Select(column.TextAt).Distinct().Order(StringComparer.Ordinal).ToArray(),
        };
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < keys.Length; g++)
        {
            index[keys[g]] = g;
        }

        int[] groupOf = Enumerable.Range(0, column.Length).Select(i => index[column.TextAt(i)]).ToArray();
        return new Grouping(column.Name, keys, groupOf);
    }

    /// <summary>The same groups with the vectors assigned by <paramref name="groupOf"/> instead (a permuted label).</summary>
    public Grouping Reassigned(int[] groupOf) => new(Name, Keys, groupOf);

    /// <summary>All <paramref name="vectors"/> in one group named <paramref name="key"/> (a dimension the data does not record).</summary>
    public static Grouping Constant(string name, string key, int vectors) => new(name, [key], new int[vectors]);

    /// <summary>Groups by the pair (row group, column group): cell r·C + c, so cells read row-major as a [R, C] grid.</summary>
    public static Grouping Cross(Grouping rows, Grouping columns)
    {
        int width = columns.Keys.Length;
        string[] keys = rows.Keys.SelectMany(r => columns.Keys.Select(c => $"{r},{c}")).ToArray();
        int[] groupOf = rows.GroupOf.Select((r, i) => (r * width) + columns.GroupOf[i]).ToArray();
        return new Grouping($"{rows.Name}×{columns.Name}", keys, groupOf);
    }
}
