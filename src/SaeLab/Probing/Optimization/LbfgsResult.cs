namespace SaeLab.Probing.Optimization;

/// <summary>How an <see cref="Lbfgs"/> run ended.</summary>
/// <param name="Value">f at the returned point.</param>
/// <param name="Iterations">Accepted steps (scipy's <c>nit</c>, scikit-learn's <c>n_iter_</c>).</param>
/// <param name="Evaluations">Function-and-gradient evaluations.</param>
/// <param name="Converged">Whether a convergence test (gradient or relative reduction) stopped it.</param>
/// <param name="Message">Why it stopped, in scipy's words.</param>
public readonly record struct LbfgsResult(double Value, int Iterations, int Evaluations, bool Converged, string Message);
