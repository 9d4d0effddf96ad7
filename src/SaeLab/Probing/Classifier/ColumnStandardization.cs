using SaeLab.Statistics;

namespace SaeLab.Probing.Classifier;

/// <summary>
/// Per-feature centring and scaling z = (x − Mean) / Scale, fitted on the training rows only, as scikit-learn's
/// <c>StandardScaler</c> does: population variance (ddof 0), and Scale 1 for a constant feature
/// (<c>sklearn/preprocessing/_data.py</c>, <c>_is_constant_feature</c>: var ≤ n·eps·var + (n·mean·eps)²).
/// </summary>
public sealed record ColumnStandardization(double[] Mean, double[] Scale)
{
    /// <summary>Fits on <paramref name="x"/> [n, d] (the training rows).</summary>
    public static ColumnStandardization Fit(ReadOnlySpan<float> x, int n, int d)
    {
        double[] mean = ColumnMeans.Of(x, n, d), variance = new double[d];

        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = x.Slice(i * d, d);
            for (int j = 0; j < d; j++)
            {
                double centred = row[j] - mean[j];
                variance[j] += centred * centred;
            }
        }

        double[] scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            variance[j] /= n;
            double bound = n * MachineEpsilon * variance[j] + Math.Pow(n * mean[j] * MachineEpsilon, 2);
            scale[j] = variance[j] <= bound ? 1 : Math.Sqrt(variance[j]);
        }

        return new ColumnStandardization(mean, scale);
    }

    /// <summary>
    /// Turns weights on standardised features into weights on raw ones: w'[r, j] = w[r, j] / Scale_j and
    /// b'[r] = b[r] − Σ_j Mean_j·w'[r, j], so that w'·x + b' = w·z + b. Both are [rows, d + 1], intercept last; the
    /// model never needs a standardised copy of the features.
    /// </summary>
    public void ToRawWeights(ReadOnlySpan<double> weights, int rows, Span<double> raw)
    {
        int d = Mean.Length, stride = d + 1;
        for (int r = 0; r < rows; r++)
        {
            double shift = 0;
            for (int j = 0; j < d; j++)
            {
                double w = weights[r * stride + j] / Scale[j];
                raw[r * stride + j] = w;
                shift += Mean[j] * w;
            }

            raw[r * stride + d] = weights[r * stride + d] - shift;
        }
    }

    /// <summary>
    /// The chain rule back through <see cref="ToRawWeights"/>: given ∂L/∂w' (columns 0..d) and ∂L/∂b' (column d),
    /// rewrites the columns into ∂L/∂w[r, j] = (∂L/∂w'[r, j] − Mean_j·∂L/∂b'[r]) / Scale_j in place.
    /// </summary>
    public void ToStandardizedGradient(Span<double> gradient, int rows)
    {
        int d = Mean.Length, stride = d + 1;
        for (int r = 0; r < rows; r++)
        {
            double interceptGradient = gradient[r * stride + d];
            for (int j = 0; j < d; j++)
            {
                gradient[r * stride + j] = (gradient[r * stride + j] - Mean[j] * interceptGradient) / Scale[j];
            }
        }
    }

    private const double MachineEpsilon = 2.220446049250313e-16;
}
