namespace SaeLab.Statistics;

/// <summary>
/// The geometric median of a set of points, argmin_y Σᵢ ‖xᵢ − y‖, by Weiszfeld's algorithm (Weiszfeld 1937; with
/// the Vardi–Zhang safeguard of skipping points that coincide with the estimate): y ← Σ wᵢxᵢ / Σ wᵢ, wᵢ = 1/‖xᵢ − y‖,
/// from the mean. SAELens initialises b_dec with it (<c>b_dec_init_method: geometric_median</c>); unlike the mean it
/// is not dragged by a few vectors of huge norm, which LLM residual streams have.
/// </summary>
public static class GeometricMedian
{
    /// <summary>
    /// The geometric median of the rows of <paramref name="points"/> [n, <paramref name="dim"/>], accumulated in double;
    /// stops when an iteration moves the estimate by less than <paramref name="tolerance"/> times its norm, or after
    /// <paramref name="maxIterations"/>.
    /// </summary>
    public static double[] Compute(ReadOnlySpan<float> points, int dim, int maxIterations = 100, double tolerance = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if (points.Length == 0 || points.Length % dim != 0)
        {
            throw new ArgumentException($"points must hold a whole, non-zero number of rows of {dim}", nameof(points));
        }

        int n = points.Length / dim;
        double[] estimate = ColumnMeans.Of(points, n, dim);
        double[] next = new double[dim];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(next);
            double weights = 0;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<float> x = points.Slice(i * dim, dim);
                double distance = Distance(x, estimate);
                if (distance < 1e-12)
                {
                    continue;
                }

                double w = 1 / distance;
                weights += w;
                for (int j = 0; j < dim; j++)
                {
                    next[j] += w * x[j];
                }
            }

            if (weights == 0)
            {
                return estimate;
            }

            double moved = 0, size = 0;
            for (int j = 0; j < dim; j++)
            {
                next[j] /= weights;
                moved += (next[j] - estimate[j]) * (next[j] - estimate[j]);
                size += next[j] * next[j];
            }

            (estimate, next) = (next, estimate);
            if (Math.Sqrt(moved) <= tolerance * Math.Max(Math.Sqrt(size), 1e-12))
            {
                break;
            }
        }

        return estimate;
    }

    private static double Distance(ReadOnlySpan<float> x, double[] y)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
        {
            double delta = x[j] - y[j];
            sum += delta * delta;
        }

        return Math.Sqrt(sum);
    }
}
