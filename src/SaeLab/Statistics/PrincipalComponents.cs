using SaeLab.Numerics;

namespace SaeLab.Statistics;

/// <summary>
/// Principal component analysis fitted on training rows (Jolliffe 2002, <i>Principal Component Analysis</i>, 2nd ed.,
/// ch. 1 and §3.5): centre by the column means, then the top-k eigenvectors of the covariance XᵀX/(n − 1) are the
/// components and its eigenvalues their variances. When d &gt; n the n × n Gram matrix XXᵀ has the same non-zero
/// eigenvalues and its eigenvectors u give the components v = Xᵀu/‖Xᵀu‖ (the "snapshot" trick of Sirovich 1987),
/// which keeps 2048-wide activations with ~500 training problems cheap. Products by <see cref="Gemm"/>, the eigen
/// problem by <see cref="SymmetricEigen"/>. Each component's sign is fixed so that its largest-magnitude entry is
/// positive (scikit-learn fixes signs by a similar rule; a probe does not care).
/// </summary>
/// <param name="Mean">Column means of the training rows [d].</param>
/// <param name="Components">Unit components, row-major [K, d], by decreasing variance.</param>
/// <param name="ExplainedVariance">Variance along each component (divisor n − 1).</param>
/// <param name="K">Number of components.</param>
/// <param name="Dim">Input dimension d.</param>
public sealed record PrincipalComponents(float[] Mean, float[] Components, double[] ExplainedVariance, int K, int Dim)
{
    /// <summary>Fits the top <paramref name="k"/> components of <paramref name="x"/> [n, d] (n ≥ 2, k ≤ min(n, d)).</summary>
    public static PrincipalComponents Fit(ReadOnlySpan<float> x, int n, int d, int k)
    {
        if (n < 2 || k < 1 || k > Math.Min(n, d))
        {
            throw new SaeLabException($"PCA of {n} samples × {d} dimensions cannot give {k} components; k must be between 1 and {Math.Min(n, d)}");
        }

        float[] mean = ColumnMeans(x, n, d);
        float[] centred = x[..(n * d)].ToArray();
        for (int i = 0; i < n; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(centred.AsSpan(i * d, d), mean, centred.AsSpan(i * d, d));
        }

        bool gram = d > n;
        int size = gram ? n : d;
        float[] product = new float[size * size];
        // Covariance: XᵀX [d, d]; Gram: XXᵀ [n, n]. Both from the centred X [n, d].
        Gemm.Multiply(ComputeContext.Current, !gram, gram, size, size, gram ? d : n, 1f, centred, d, centred, d, 0f, product, size);
        EigenDecomposition eigen = SymmetricEigen.Decompose(product.Select(p => (double)p).ToArray(), size);
        float[] components = new float[k * d];
        for (int c = 0; c < k; c++)
        {
            Span<float> component = components.AsSpan(c * d, d);
            if (gram)
            {
                float[] u = eigen.Vectors.AsSpan(c * n, n).ToArray().Select(v => (float)v).ToArray();
                // v = Xᵀu [d]: one row of uᵀX.
                Gemm.Multiply(ComputeContext.Current, false, false, 1, d, n, 1f, u, n, centred, d, 0f, component, d);
            }
            else
            {
                for (int j = 0; j < d; j++)
                {
                    component[j] = (float)eigen.Vectors[c * d + j];
                }
            }

            NormaliseWithSign(component);
        }

        return new PrincipalComponents(mean, components, eigen.Values.Take(k).Select(v => Math.Max(v, 0) / (n - 1)).ToArray(), k, d);
    }

    /// <summary>Scores [n, K] = (x [n, d] − Mean) · Componentsᵀ.</summary>
    public float[] Project(ReadOnlySpan<float> x, int n)
    {
        float[] scores = new float[n * K];
        Gemm.Multiply(ComputeContext.Current, false, true, n, K, Dim, 1f, x, Dim, Components, Dim, 0f, scores, K);
        float[] meanScores = new float[K];
        Gemm.Multiply(ComputeContext.Current, false, true, 1, K, Dim, 1f, Mean, Dim, Components, Dim, 0f, meanScores, K);
        for (int i = 0; i < n; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(scores.AsSpan(i * K, K), meanScores, scores.AsSpan(i * K, K));
        }

        return scores;
    }

    private static float[] ColumnMeans(ReadOnlySpan<float> x, int n, int d)
    {
        double[] sum = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                sum[j] += x[i * d + j];
            }
        }

        return sum.Select(s => (float)(s / n)).ToArray();
    }

    private static void NormaliseWithSign(Span<float> component)
    {
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(component);
        int largest = System.Numerics.Tensors.TensorPrimitives.IndexOfMaxMagnitude(component);
        float factor = (component[largest] < 0 ? -1f : 1f) / Math.Max(norm, float.Epsilon);
        System.Numerics.Tensors.TensorPrimitives.Multiply(component, factor, component);
    }
}
