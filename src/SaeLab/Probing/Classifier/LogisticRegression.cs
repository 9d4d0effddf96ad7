using SaeLab.Probing.Optimization;
namespace SaeLab.Probing.Classifier;

/// <summary>Fits <see cref="LogisticModel"/>s: see <see cref="LogisticRegressionConfig"/> for the objective and its source.</summary>
public static class LogisticRegression
{
    /// <summary>
    /// Fits on <paramref name="x"/> [n, d] with labels <paramref name="y"/> (indices into <paramref name="classes"/>,
    /// every class present), optionally on features standardised by <paramref name="standardization"/>.
    /// </summary>
    public static LogisticModel Fit(
        float[] x, int n, int d, int[] y, IReadOnlyList<string> classes,
        LogisticRegressionConfig config, ColumnStandardization? standardization = null)
    {
        config.Validate();
        if (classes.Count < 2 || y.Length != n || (long)n * d > x.LongLength)
        {
            throw new ArgumentException($"logistic regression needs >= 2 classes and {n} labels for x [{n}, {d}]; got {classes.Count} classes, {y.Length} labels");
        }

        var loss = new LogisticLoss(x, n, d, y, classes.Count, config.C, standardization);
        int rows = LogisticLoss.RowsFor(classes.Count);
        double[] parameters = new double[rows * (d + 1)];
        LbfgsResult result = Lbfgs.Minimize(loss.Evaluate, parameters, config.ToLbfgsOptions());
        double[] coefficients = new double[rows * d];
        double[] intercepts = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            parameters.AsSpan(r * (d + 1), d).CopyTo(coefficients.AsSpan(r * d));
            intercepts[r] = parameters[r * (d + 1) + d];
        }

        return new LogisticModel(classes, d, coefficients, intercepts, standardization, Math.Min(result.Iterations, config.MaxIterations), result.Converged);
    }
}
