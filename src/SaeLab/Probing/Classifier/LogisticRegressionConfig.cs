using SaeLab.Probing.Optimization;
namespace SaeLab.Probing.Classifier;

/// <summary>
/// L2-penalised logistic regression as scikit-learn 1.2's <c>LogisticRegression(max_iter=1000)</c> fits it with
/// its defaults (<c>sklearn/linear_model/_logistic.py</c>, <c>_logistic_regression_path</c>, lbfgs branch): minimise
/// Σᵢ loss(xᵢ, yᵢ) + ‖W‖² / (2C), intercepts unpenalised, by L-BFGS from zero. Loss: softmax cross-entropy
/// (<c>HalfMultinomialLoss</c>) for three or more classes; for two, the logistic loss of one weight vector for the
/// second class (<c>multi_class="auto"</c> picks one-vs-rest, <c>HalfBinomialLoss</c>).
/// </summary>
public sealed record LogisticRegressionConfig
{
    /// <summary>Inverse regularisation strength C (&gt; 0); the penalty is ‖W‖² / (2C).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Most L-BFGS iterations (<c>max_iter</c>).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Stop when the largest gradient component is at most this (<c>tol</c>, scipy's <c>gtol</c>).</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (!(C > 0) || double.IsInfinity(C))
        {
            throw new SaeLabException($"logistic regression C must be a positive number (got {C})");
        }

        if (MaxIterations < 1)
        {
            throw new SaeLabException($"logistic regression max iterations must be at least 1 (got {MaxIterations})");
        }

        if (!(Tolerance > 0))
        {
            throw new SaeLabException($"logistic regression tolerance must be > 0 (got {Tolerance})");
        }
    }

    /// <summary>The L-BFGS options these settings stand for.</summary>
    public LbfgsOptions ToLbfgsOptions() => new() { MaxIterations = MaxIterations, GradientTolerance = Tolerance };
}
