using static SaeLab.SaeLabException;

namespace SaeLab.Probing.Optimization;

/// <summary>
/// Stopping rules and memory of <see cref="Lbfgs"/>. Defaults are those scikit-learn 1.2's LogisticRegression hands
/// to <c>scipy.optimize.minimize(method="L-BFGS-B", options={"gtol": tol, "maxiter": max_iter})</c> with scipy's
/// own defaults for the rest (<c>scipy/optimize/_lbfgsb_py.py</c>: maxcor 10, ftol 2.22e-9, maxls 20, maxfun 15000).
/// </summary>
public sealed record LbfgsOptions
{
    /// <summary>Most iterations (accepted steps); reaching it stops the search unconverged (<c>maxiter</c>).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Converged when max |∂f/∂x_i| ≤ this (<c>gtol</c>/<c>pgtol</c>).</summary>
    public double GradientTolerance { get; init; } = 1e-4;

    /// <summary>Converged when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this (<c>ftol</c> = factr·eps).</summary>
    public double RelativeReductionTolerance { get; init; } = 1e7 * 2.220446049250313e-16;

    /// <summary>Number of (s, y) correction pairs kept (<c>maxcor</c>, m).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Most function evaluations in one line search (<c>maxls</c>).</summary>
    public int MaxLineSearchSteps { get; init; } = 20;

    /// <summary>Most function evaluations in all (<c>maxfun</c>).</summary>
    public int MaxEvaluations { get; init; } = 15000;

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(MaxIterations >= 1, $"max iterations must be at least 1 (got {MaxIterations})");
        Require(GradientTolerance > 0, $"gradient tolerance must be > 0 (got {GradientTolerance})");
        Require(RelativeReductionTolerance >= 0, $"relative reduction tolerance must be >= 0 (got {RelativeReductionTolerance})");
        Require(Memory >= 1, $"L-BFGS memory must be at least 1 (got {Memory})");
        Require(MaxLineSearchSteps >= 1, $"line-search steps must be at least 1 (got {MaxLineSearchSteps})");
        Require(MaxEvaluations >= 1, $"max evaluations must be at least 1 (got {MaxEvaluations})");
    }
}
