namespace SaeLab.Data.Shards;

/// <summary>
/// Some rows of another source, renumbered 0..n-1 in their order there: the rows of a problem split's part of a shard
/// folder, which a streamed supervised SAE (or <c>train --vectors train</c>) trains on. Consecutive rows (a problem's
/// vectors) are read as one range. The rows are those of a split, which holds at most an array's length of rows.
/// </summary>
/// <param name="inner">The whole source.</param>
/// <param name="rows">The rows kept, ascending.</param>
public sealed class RowSubsetSource(IRowSource inner, IReadOnlyList<int> rows) : IRowSource
{
    /// <inheritdoc/>
    public string Source => inner.Source;

    /// <inheritdoc/>
    public long Rows => rows.Count;

    /// <inheritdoc/>
    public int Dim => inner.Dim;

    /// <inheritdoc/>
    public IReadOnlyList<ShardColumn> Columns => inner.Columns;

    /// <inheritdoc/>
    public void ReadRows(long first, int count, Span<float> destination)
    {
        int start = checked((int)first);
        for (int i = 0; i < count;)
        {
            int run = RunLength(start + i, count - i);
            inner.ReadRows(rows[start + i], run, destination.Slice(i * Dim, run * Dim));
            i += run;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetadataColumn> ReadColumns(long first, int count)
    {
        if (count == 0)
        {
            return inner.ReadColumns(0, 0);
        }

        // One read from the first kept row to the last, then the kept ones of it: metadata is small beside the vectors.
        int start = checked((int)first);
        int from = rows[start];
        int[] kept = [.. Enumerable.Range(start, count).Select(i => rows[i] - from)];
        return [.. inner.ReadColumns(from, kept[^1] + 1).Select(column => column.Take(kept))];
    }

    // Kept rows from index i on that follow each other in the inner source, at most limit.
    private int RunLength(int i, int limit)
    {
        int run = 1;
        while (run < limit && rows[i + run] == rows[i] + run)
        {
            run++;
        }

        return run;
    }
}
