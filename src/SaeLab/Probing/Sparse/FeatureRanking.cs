namespace SaeLab.Probing.Sparse;

/// <summary>
/// Scores every feature by how well it separates the classes, on training samples only (selecting on the test
/// set would leak it). Two criteria:
/// <list type="bullet">
/// <item><see cref="MeanDifference"/>: SAEBench's k-sparse probing criterion (Karvonen et al. 2025, "SAEBench",
/// <c>sae_bench/evals/sparse_probing/probe_training.py</c>, <c>get_top_k_mean_diff_mask</c>): |mean over the
/// positive class − mean over the negative class|. SAEBench's tasks are binary (one class against the rest), and with
/// two classes this is exactly its score (<see cref="SaeBenchSparseProber"/>); for several classes
/// (<see cref="SparseProber"/>) each class is taken against the rest and a feature scores its largest such
/// difference, so the k picked features include the best separators of every class.</item>
/// <item><see cref="AnovaF"/>: the one-way ANOVA F statistic (Fisher; scikit-learn's <c>f_classif</c>), between-class
/// over within-class variance, which unlike a raw mean difference does not favour features of large scale — the
/// right criterion to compare SAE features with raw dimensions.</item>
/// </list>
/// </summary>
public static class FeatureRanking
{
    /// <summary>max over classes c of |mean(x | y = c) − mean(x | y ≠ c)| per feature of <paramref name="x"/> [n, d].</summary>
    public static double[] MeanDifference(ReadOnlySpan<float> x, int n, int d, IReadOnlyList<int> y, int classCount)
    {
        ClassMoments moments = ClassMoments.Of(x, n, d, y, classCount);
        double[] scores = new double[d];
        for (int j = 0; j < d; j++)
        {
            for (int c = 0; c < classCount; c++)
            {
                double restSum = moments.Total[j] - moments.Sum[c, j];
                double rest = restSum / (n - moments.Count[c]);
                scores[j] = Math.Max(scores[j], Math.Abs(moments.Sum[c, j] / moments.Count[c] - rest));
            }
        }

        return scores;
    }

    /// <summary>
    /// One-way ANOVA F per feature: [Σ_c n_c (m_c − m)² / (K − 1)] / [Σ_c Σ_{i∈c} (x_i − m_c)² / (n − K)]. A feature
    /// constant within every class scores +∞ if its class means differ, 0 if it is constant overall.
    /// </summary>
    public static double[] AnovaF(ReadOnlySpan<float> x, int n, int d, IReadOnlyList<int> y, int classCount)
    {
        ClassMoments moments = ClassMoments.Of(x, n, d, y, classCount);
        double[] within = new double[d];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = x.Slice(i * d, d);
            int c = y[i];
            for (int j = 0; j < d; j++)
            {
                double centred = row[j] - moments.Sum[c, j] / moments.Count[c];
                within[j] += centred * centred;
            }
        }

        double[] scores = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = moments.Total[j] / n, between = 0;
            for (int c = 0; c < classCount; c++)
            {
                double delta = moments.Sum[c, j] / moments.Count[c] - mean;
                between += moments.Count[c] * delta * delta;
            }

            double numerator = between / (classCount - 1), denominator = within[j] / (n - classCount);
            scores[j] = denominator > 0 ? numerator / denominator : numerator > 0 ? double.PositiveInfinity : 0;
        }

        return scores;
    }

    /// <summary>Indices of the <paramref name="k"/> highest scores, best first; ties go to the lower index, NaN ranks last.</summary>
    public static int[] TopK(IReadOnlyList<double> scores, int k)
    {
        if (k < 1 || k > scores.Count)
        {
            throw new SaeLabException($"cannot pick {k} features out of {scores.Count}; k must be between 1 and the feature count");
        }

        return Enumerable.Range(0, scores.Count)
            .OrderByDescending(j => double.IsNaN(scores[j]) ? double.NegativeInfinity : scores[j])
            .ThenBy(j => j)
            .Take(k)
            .ToArray();
    }

    /// <summary>Per-class sums [K, d] and counts, and overall sums, in double.</summary>
    private sealed record ClassMoments(double[,] Sum, int[] Count, double[] Total)
    {
        public static ClassMoments Of(ReadOnlySpan<float> x, int n, int d, IReadOnlyList<int> y, int classCount)
        {
            var moments = new ClassMoments(new double[classCount, d], new int[classCount], new double[d]);
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<float> row = x.Slice(i * d, d);
                int c = y[i];
                moments.Count[c]++;
                for (int j = 0; j < d; j++)
                {
                    moments.Sum[c, j] += row[j];
                    moments.Total[j] += row[j];
                }
            }

            if (moments.Count.Any(count => count == 0 || count == n))
            {
                throw new SaeLabException($"feature ranking needs every class among the training samples and at least two classes (class counts {string.Join(", ", moments.Count)})");
            }

            return moments;
        }
    }
}
