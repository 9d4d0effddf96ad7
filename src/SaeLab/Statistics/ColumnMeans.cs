namespace SaeLab.Statistics;

/// <summary>Column means of a row-major float matrix, summed in double.</summary>
public static class ColumnMeans
{
    /// <summary>mean [d] = the mean of the <paramref name="n"/> rows of <paramref name="x"/> [n, d]; n ≥ 1.</summary>
    public static void Compute(ReadOnlySpan<float> x, int n, int d, Span<double> mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        mean[..d].Clear();
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = x.Slice(i * d, d);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }
    }

    /// <summary>The column means of <paramref name="x"/> [n, d], as a new array.</summary>
    public static double[] Of(ReadOnlySpan<float> x, int n, int d)
    {
        double[] mean = new double[d];
        Compute(x, n, d, mean);
        return mean;
    }
}
