using SaeLab.Statistics;

namespace SaeLab.Evaluation;

/// <summary>
/// Per-column running moments of row-major [rows, dim] float blocks: each block's column means and M2 are taken
/// exactly (two passes, in double) and merged into the running totals with <see cref="RunningMoments.Merge"/>.
/// </summary>
internal sealed class ColumnMoments
{
    private readonly RunningMoments[] _columns;
    private readonly double[] _blockMean;
    private readonly double[] _blockM2;

    public ColumnMoments(int dim)
    {
        _columns = new RunningMoments[dim];
        _blockMean = new double[dim];
        _blockM2 = new double[dim];
    }

    /// <summary>Adds <paramref name="rows"/> rows of <paramref name="block"/> [rows, dim].</summary>
    public void Add(ReadOnlySpan<float> block, int rows)
    {
        int dim = _columns.Length;
        if (rows == 0)
        {
            return;
        }

        Array.Clear(_blockM2);
        ColumnMeans.Compute(block, rows, dim, _blockMean);

        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = block.Slice(i * dim, dim);
            for (int j = 0; j < dim; j++)
            {
                double deviation = row[j] - _blockMean[j];
                _blockM2[j] += deviation * deviation;
            }
        }

        for (int j = 0; j < dim; j++)
        {
            _columns[j].Merge(rows, _blockMean[j], _blockM2[j]);
        }
    }

    /// <summary>Column <paramref name="column"/>'s mean so far.</summary>
    public double Mean(int column) => _columns[column].Mean;

    /// <summary>Mean over columns of each column's unbiased variance (torch.var(x, 0).mean()); NaN for fewer than two rows.</summary>
    public double MeanSampleVariance()
    {
        double sum = 0;
        foreach (RunningMoments column in _columns)
        {
            sum += column.SampleVariance;
        }

        return sum / _columns.Length;
    }
}
