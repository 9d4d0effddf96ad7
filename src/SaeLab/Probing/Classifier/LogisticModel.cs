namespace SaeLab.Probing.Classifier;

/// <summary>
/// A fitted logistic-regression probe. <see cref="Coefficients"/> [rows, Features] and <see cref="Intercepts"/>
/// are scikit-learn's <c>coef_</c> and <c>intercept_</c>: on the standardised features when
/// <see cref="Standardization"/> is set, and one row (for <c>Classes[1]</c>) in the binary case.
/// </summary>
public sealed record LogisticModel(
    IReadOnlyList<string> Classes,
    int Features,
    double[] Coefficients,
    double[] Intercepts,
    ColumnStandardization? Standardization,
    int Iterations,
    bool Converged)
{
    /// <summary>Number of coefficient rows: 1 for two classes, else one per class.</summary>
    public int Rows => Intercepts.Length;

    /// <summary>Class probabilities [n, Classes.Count] of <paramref name="x"/> [n, Features] (softmax, or [1 − σ, σ] for two classes).</summary>
    public double[] PredictProbabilities(float[] x, int n)
    {
        double[] scores = new double[n * Rows];
        LogisticLoss.Scores(x, n, Features, RawParameters(), Rows, scores);
        int k = Classes.Count;
        double[] probabilities = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            Span<double> p = probabilities.AsSpan(i * k, k);
            if (Rows == 1)
            {
                p[1] = LogisticLoss.Sigmoid(scores[i]);
                p[0] = 1 - p[1];
                continue;
            }

            System.Numerics.Tensors.TensorPrimitives.SoftMax(scores.AsSpan(i * k, k), p);
        }

        return probabilities;
    }

    /// <summary>The most probable class index per row of <paramref name="x"/> [n, Features] (first on ties, as numpy's argmax).</summary>
    public int[] Predict(float[] x, int n)
    {
        double[] probabilities = PredictProbabilities(x, n);
        int k = Classes.Count;
        return Enumerable.Range(0, n)
            .Select(i => System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(probabilities.AsSpan(i * k, k)))
            .ToArray();
    }

    /// <summary>Parameters [rows, Features + 1] (intercept last) acting on raw features.</summary>
    private double[] RawParameters()
    {
        int stride = Features + 1;
        double[] parameters = new double[Rows * stride];
        for (int r = 0; r < Rows; r++)
        {
            Coefficients.AsSpan(r * Features, Features).CopyTo(parameters.AsSpan(r * stride));
            parameters[r * stride + Features] = Intercepts[r];
        }

        if (Standardization is null)
        {
            return parameters;
        }

        double[] raw = new double[parameters.Length];
        Standardization.ToRawWeights(parameters, Rows, raw);
        return raw;
    }
}
