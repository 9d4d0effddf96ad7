namespace SaeLab.Analysis;

/// <summary>
/// Per group and feature, the mean code over the group's vectors, accumulated batch by batch in double
/// (sums [groups, DSae] divided by the group sizes at the end).
/// </summary>
internal sealed class GroupMeans(Grouping grouping, int dSae)
{
    private readonly double[] _sums = new double[grouping.Keys.Length * dSae];

    public Grouping Grouping => grouping;

    /// <summary>Adds the codes [rows, DSae] of vectors firstRow … firstRow + rows − 1.</summary>
    public void Add(int firstRow, int rows, ReadOnlySpan<float> codes)
    {
        for (int i = 0; i < rows; i++)
        {
            Span<double> sums = _sums.AsSpan(grouping.GroupOf[firstRow + i] * dSae, dSae);
            ReadOnlySpan<float> z = codes.Slice(i * dSae, dSae);
            for (int f = 0; f < dSae; f++)
            {
                sums[f] += z[f];
            }
        }
    }

    /// <summary>Adds the code <paramref name="z"/> [DSae] of vector <paramref name="row"/>, whose non-zero entries are <paramref name="active"/>.</summary>
    public void AddActive(int row, ReadOnlySpan<float> z, List<int> active)
    {
        Span<double> sums = _sums.AsSpan(grouping.GroupOf[row] * dSae, dSae);
        foreach (int f in active)
        {
            sums[f] += z[f];
        }
    }

    /// <summary>Feature <paramref name="feature"/>'s mean code in each group; NaN for a group with no vectors.</summary>
    public double[] Means(int feature)
    {
        var means = new double[grouping.Keys.Length];
        for (int g = 0; g < means.Length; g++)
        {
            means[g] = grouping.Counts[g] > 0 ? _sums[(g * dSae) + feature] / grouping.Counts[g] : double.NaN;
        }

        return means;
    }
}
