namespace SaeLab.Training.Kernels;

/// <summary>Copies a mini-batch's vectors into a training step's contiguous input buffer.</summary>
internal static class BatchGather
{
    /// <summary>
    /// destination [rows.Length, d] = the vectors <paramref name="rows"/> of <paramref name="values"/> [N, d];
    /// 1 ≤ rows.Length ≤ <paramref name="batchCapacity"/>.
    /// </summary>
    public static void Rows(ReadOnlySpan<float> values, ReadOnlySpan<int> rows, int d, int batchCapacity, Span<float> destination)
    {
        if (rows.Length < 1 || rows.Length > batchCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"a batch holds 1..{batchCapacity} rows, got {rows.Length}");
        }

        for (int i = 0; i < rows.Length; i++)
        {
            values.Slice(rows[i] * d, d).CopyTo(destination.Slice(i * d, d));
        }
    }
}
