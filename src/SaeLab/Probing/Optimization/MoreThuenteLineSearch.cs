namespace SaeLab.Probing.Optimization;

/// <summary>
/// The Moré–Thuente line search (Moré &amp; Thuente 1994, "Line search algorithms with guaranteed sufficient
/// decrease", ACM TOMS 20(3)), ported from MINPACK-2's <c>dcsrch</c>/<c>dcstep</c> as scipy's L-BFGS-B calls it
/// (<c>scipy/optimize/minpack2/dcsrch.f</c>, <c>dcstep.f</c>). It finds a step satisfying the strong Wolfe
/// conditions f(stp) ≤ f(0) + ftol·stp·f'(0) and |f'(stp)| ≤ gtol·|f'(0)|. Reverse communication: call
/// <see cref="Start"/>, then evaluate at <see cref="Step"/> and call <see cref="Next"/> while it returns
/// <see cref="Outcome.Evaluate"/>.
/// </summary>
internal sealed class MoreThuenteLineSearch(double ftol, double gtol, double xtol, double stepMin, double stepMax)
{
    private const double P5 = 0.5, P66 = 0.66, ExtrapolateLow = 1.1, ExtrapolateHigh = 4.0;

    private bool _bracketed;
    private int _stage;
    private double _fInit, _gInit, _gTest, _width, _width1;
    private double _stx, _fx, _gx, _sty, _fy, _gy, _stMin, _stMax;

    /// <summary>What the caller does next.</summary>
    public enum Outcome
    {
        /// <summary>Evaluate f and f' at <see cref="Step"/> and call <see cref="Next"/>.</summary>
        Evaluate,

        /// <summary>Both Wolfe conditions hold at <see cref="Step"/>.</summary>
        Converged,

        /// <summary>No further progress is possible (rounding, interval too small, step bound); <see cref="Step"/> is the last point evaluated.</summary>
        Warning,
    }

    /// <summary>The current trial step.</summary>
    public double Step { get; private set; }

    /// <summary>Begins a search from f(0) = <paramref name="f0"/>, f'(0) = <paramref name="g0"/> &lt; 0 with a first trial step.</summary>
    public void Start(double f0, double g0, double step)
    {
        if (!(g0 < 0) || step < stepMin || step > stepMax)
        {
            throw new ArgumentOutOfRangeException(nameof(g0), $"line search needs f'(0) < 0 and a step in range; got f'(0) = {g0}, step = {step}");
        }

        Step = step;
        _bracketed = false;
        _stage = 1;
        _fInit = f0;
        _gInit = g0;
        _gTest = ftol * g0;
        _width = stepMax - stepMin;
        _width1 = _width / P5;
        (_stx, _fx, _gx) = (0, f0, g0);
        (_sty, _fy, _gy) = (0, f0, g0);
        _stMin = 0;
        _stMax = step + ExtrapolateHigh * step;
    }

    /// <summary>Takes f and f' at <see cref="Step"/>; returns whether to stop or where to evaluate next.</summary>
    public Outcome Next(double f, double g)
    {
        double stp = Step;
        double ftest = _fInit + stp * _gTest;
        if (_stage == 1 && f <= ftest && g >= 0)
        {
            _stage = 2;
        }

        bool warning = (_bracketed && (stp <= _stMin || stp >= _stMax))
            || (_bracketed && _stMax - _stMin <= xtol * _stMax)
            || (stp == stepMax && f <= ftest && g <= _gTest)
            || (stp == stepMin && (f > ftest || g >= _gTest));
        if (f <= ftest && Math.Abs(g) <= gtol * -_gInit)
        {
            return Outcome.Converged;
        }

        if (warning)
        {
            return Outcome.Warning;
        }

        if (_stage == 1 && f <= _fx && f > ftest)
        {
            // The modified function psi(stp) = f(stp) − f(0) − ftol·stp·f'(0) drives the first stage.
            double fxm = _fx - _stx * _gTest, fym = _fy - _sty * _gTest;
            double gxm = _gx - _gTest, gym = _gy - _gTest;
            TakeStep(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym, ref stp, f - stp * _gTest, g - _gTest);
            _fx = fxm + _stx * _gTest;
            _fy = fym + _sty * _gTest;
            _gx = gxm + _gTest;
            _gy = gym + _gTest;
        }
        else
        {
            TakeStep(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy, ref stp, f, g);
        }

        if (_bracketed)
        {
            if (Math.Abs(_sty - _stx) >= P66 * _width1)
            {
                stp = _stx + P5 * (_sty - _stx);
            }

            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
            _stMin = Math.Min(_stx, _sty);
            _stMax = Math.Max(_stx, _sty);
        }
        else
        {
            _stMin = stp + ExtrapolateLow * (stp - _stx);
            _stMax = stp + ExtrapolateHigh * (stp - _stx);
        }

        stp = Math.Min(Math.Max(stp, stepMin), stepMax);
        if ((_bracketed && (stp <= _stMin || stp >= _stMax)) || (_bracketed && _stMax - _stMin <= xtol * _stMax))
        {
            stp = _stx;
        }

        Step = stp;
        return Outcome.Evaluate;
    }

    /// <summary>
    /// <c>dcstep</c>: a safeguarded cubic/quadratic/secant step from the best point (stx) and the interval end
    /// (sty), then the interval update. The four cases are those of Moré &amp; Thuente §4.
    /// </summary>
    private void TakeStep(ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy, ref double stp, double fp, double dp)
    {
        double sgnd = dp * (dx / Math.Abs(dx));
        double stpf;
        if (fp > fx)
        {
            // Case 1: higher function value; the minimum is bracketed.
            double stpc = CubicMinimizer(stx, dx, stp, dp, 3 * (fx - fp) / (stp - stx) + dx + dp);
            double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            _bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: lower value, derivatives of opposite sign; the minimum is bracketed.
            double stpc = CubicMinimizer(stp, dp, stx, dx, 3 * (fx - fp) / (stp - stx) + dx + dp);
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            _bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same-sign derivatives, derivative magnitude decreasing.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Max3(theta, dx, dp);
            double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx)
            {
                gamma = -gamma;
            }

            double p = (gamma - dp) + theta, q = (gamma + (dx - dp)) + gamma;
            double r = p / q;
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stepMax : stepMin;
            double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (_bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + P66 * (sty - stp), stpf) : Math.Max(stp + P66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Max(stepMin, Math.Min(stepMax, stpf));
            }
        }
        else if (_bracketed)
        {
            // Case 4: lower value, same-sign derivatives not decreasing; cubic step towards sty.
            stpf = CubicMinimizer(stp, dp, sty, dy, 3 * (fp - fy) / (sty - stp) + dy + dp);
        }
        else
        {
            stpf = stp > stx ? stepMax : stepMin;
        }

        if (fp > fx)
        {
            (sty, fy, dy) = (stp, fp, dp);
        }
        else
        {
            if (sgnd < 0)
            {
                (sty, fy, dy) = (stx, fx, dx);
            }

            (stx, fx, dx) = (stp, fp, dp);
        }

        stp = stpf;
    }

    /// <summary>
    /// The minimiser of the cubic through (a, f_a, d_a) and (b, f_b, d_b), given θ = 3(f_a − f_b)/(b − a) + d_a + d_b
    /// (summed in the caller's order, which dcstep varies): a + p/q·(b − a) with γ = ±√(θ² − d_a·d_b) signed
    /// towards b, p = γ − d_a + θ, q = 2γ − d_a + d_b. Operations are in dcstep's order, so results match it bitwise.
    /// </summary>
    private static double CubicMinimizer(double a, double da, double b, double db, double theta)
    {
        double s = Max3(theta, da, db);
        double gamma = s * Math.Sqrt((theta / s) * (theta / s) - (da / s) * (db / s));
        if (b < a)
        {
            gamma = -gamma;
        }

        double p = (gamma - da) + theta, q = ((gamma - da) + gamma) + db;
        return a + p / q * (b - a);
    }

    private static double Max3(double a, double b, double c) => Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c)));
}
