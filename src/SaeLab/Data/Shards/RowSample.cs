namespace SaeLab.Data.Shards;

/// <summary>
/// A uniform random sample of the rows of a source too large for memory, drawn before a streaming run for the
/// training methods that look at the data (<c>Training.Methods.TrainingVectors</c>): the row indices are chosen
/// first, by Floyd's algorithm (Bentley &amp; Floyd, "A sample of brilliance", CACM 30(9), 1987: every subset of the size
/// equally likely, in O(count) memory and draws, however many rows there are), then read in ascending order with one
/// positioned read per run of consecutive rows.
/// </summary>
public static class RowSample
{
    /// <summary>
    /// min(<paramref name="count"/>, <paramref name="rows"/>) distinct row indices of [0, <paramref name="rows"/>), ascending,
    /// drawn from <paramref name="random"/>; when the sample would hold every row it is every row, and nothing is drawn.
    /// </summary>
    public static long[] Choose(long rows, int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= rows)
        {
            long[] all = new long[rows];
            for (long i = 0; i < rows; i++)
            {
                all[i] = i;
            }

            return all;
        }

        var chosen = new HashSet<long>(count);
        for (long j = rows - count; j < rows; j++)
        {
            long t = random.NextInt64(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        long[] sorted = [.. chosen];
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>
    /// The rows <paramref name="rows"/> (ascending, distinct) of <paramref name="source"/> as float32 [rows.Length, Dim],
    /// read in runs of consecutive rows of at most <paramref name="maxReadRows"/> each (so a reader's staging buffer stays
    /// within one streaming chunk).
    /// </summary>
    public static float[] Read(IRowSource source, ReadOnlySpan<long> rows, int maxReadRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReadRows);
        int dim = source.Dim;
        var values = new float[checked(rows.Length * dim)];
        for (int start = 0; start < rows.Length;)
        {
            int run = 1;
            while (start + run < rows.Length && run < maxReadRows && rows[start + run] == rows[start] + run)
            {
                run++;
            }

            source.ReadRows(rows[start], run, values.AsSpan(start * dim, run * dim));
            start += run;
        }

        return values;
    }
}
