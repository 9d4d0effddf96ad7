namespace SaeLab.Probing.Classifier;

/// <summary>The plain loops that define <see cref="LinearScores"/>: its tests' oracle.</summary>
public static class LinearScoresReference
{
    /// <summary>scores [n, k] = x [n, d] · w[:, 0..d)ᵀ, where w is [k, stride].</summary>
    public static void Scores(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<double> w, int k, int stride, Span<double> scores)
    {
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++)
                {
                    sum += x[i * d + j] * w[c * stride + j];
                }

                scores[i * k + c] = sum;
            }
        }
    }

    /// <summary>g[:, 0..d) = r [n, k]ᵀ · x [n, d], where g is [k, stride].</summary>
    public static void Gradient(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<double> r, int k, Span<double> g, int stride)
    {
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += r[i * k + c] * x[i * d + j];
                }

                g[c * stride + j] = sum;
            }
        }
    }
}
