using System.Numerics.Tensors;

namespace SaeLab.Probing.Optimization;

/// <summary>
/// Unconstrained limited-memory BFGS as scipy's L-BFGS-B runs it without bounds (Byrd, Lu, Nocedal &amp; Zhu 1995;
/// <c>scipy/optimize/lbfgsb_src/lbfgsb.f</c> v3.0: <c>mainlb</c>, <c>lnsrlb</c>), so that a probe lands where
/// scikit-learn's does: the first step is −∇f scaled to unit length, later directions are −H∇f from the last m
/// pairs with H₀ = (sᵀy / yᵀy)·I (the two-loop recursion, Nocedal &amp; Wright alg. 7.4, equal to L-BFGS-B's
/// compact form when no bound is active), steps come from the Moré–Thuente search (ftol 1e-3, gtol 0.9,
/// xtol 0.1), pairs with sᵀy ≤ eps·(−sᵀ∇f) are skipped, and a failed search restarts once from −∇f.
/// </summary>
public static class Lbfgs
{
    private const double MachineEpsilon = 2.220446049250313e-16;
    private const double MaxStep = 1e10;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x"/> (overwritten with the result).</summary>
    public static LbfgsResult Minimize(ObjectiveFunction objective, Span<double> x, LbfgsOptions options)
    {
        options.Validate();
        int n = x.Length;
        double[] g = new double[n], d = new double[n], xStart = new double[n], gStart = new double[n];
        var memory = new CorrectionPairs(n, options.Memory);
        var search = new MoreThuenteLineSearch(1e-3, 0.9, 0.1, 0, MaxStep);
        double f = objective(x, g);
        int evaluations = 1, iterations = 0;
        if (MaxAbs(g) <= options.GradientTolerance)
        {
            return new LbfgsResult(f, 0, evaluations, true, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
        }

        while (true)
        {
            memory.Direction(g, d);
            x.CopyTo(xStart);
            g.CopyTo(gStart);
            double fStart = f;
            double gdStart = Dot(g, d);
            LineSearchEnd end = gdStart < 0
                ? Search(objective, x, g, d, xStart, fStart, gdStart, iterations == 0 ? Math.Min(1 / Math.Sqrt(Dot(d, d)), MaxStep) : 1, search, options.MaxLineSearchSteps)
                : new LineSearchEnd(false, 0, f, gdStart, 0);
            evaluations += end.Evaluations;
            if (!end.Succeeded)
            {
                xStart.CopyTo(x);
                gStart.CopyTo(g);
                f = fStart;
                if (memory.Count == 0)
                {
                    return new LbfgsResult(f, iterations, evaluations, false, "ABNORMAL_TERMINATION_IN_LNSRCH");
                }

                memory.Clear();
                continue;
            }

            f = end.Value;
            iterations++;
            if (iterations >= options.MaxIterations)
            {
                return new LbfgsResult(f, iterations, evaluations, false, "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT");
            }

            if (evaluations > options.MaxEvaluations)
            {
                return new LbfgsResult(f, iterations, evaluations, false, "STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS LIMIT");
            }

            if (MaxAbs(g) <= options.GradientTolerance)
            {
                return new LbfgsResult(f, iterations, evaluations, true, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
            }

            if (fStart - f <= options.RelativeReductionTolerance * Math.Max(Math.Max(Math.Abs(fStart), Math.Abs(f)), 1))
            {
                return new LbfgsResult(f, iterations, evaluations, true, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH");
            }

            // s = stp·d, y = g − gStart; sᵀy is computed as L-BFGS-B does, from the directional derivatives.
            double sy = (end.FinalSlope - gdStart) * end.Step;
            if (sy > MachineEpsilon * -gdStart * end.Step)
            {
                memory.Push(d, end.Step, g, gStart, sy);
            }
        }
    }

    /// <summary>One line search along d from xStart; on success x, g hold the accepted point.</summary>
    private static LineSearchEnd Search(
        ObjectiveFunction objective, Span<double> x, double[] g, double[] d, double[] xStart,
        double f0, double slope0, double firstStep, MoreThuenteLineSearch search, int maxSteps)
    {
        search.Start(f0, slope0, firstStep);
        for (int evaluations = 1; evaluations <= maxSteps; evaluations++)
        {
            double step = search.Step;
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = step * d[i] + xStart[i];
            }

            double f = objective(x, g);
            double slope = Dot(g, d);
            if (search.Next(f, slope) != MoreThuenteLineSearch.Outcome.Evaluate)
            {
                return new LineSearchEnd(true, step, f, slope, evaluations);
            }
        }

        return new LineSearchEnd(false, 0, f0, slope0, maxSteps);
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    /// <summary>max |v_i|, infinite when any v_i is NaN so that no convergence test passes on NaN.</summary>
    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        double largest = TensorPrimitives.MaxMagnitude(values);
        return double.IsNaN(largest) ? double.PositiveInfinity : Math.Abs(largest);
    }

    private readonly record struct LineSearchEnd(bool Succeeded, double Step, double Value, double FinalSlope, int Evaluations);

    /// <summary>The last m correction pairs (s, y) and the two-loop product −H·g.</summary>
    private sealed class CorrectionPairs(int n, int capacity)
    {
        private readonly double[][] _s = Enumerable.Range(0, capacity).Select(_ => new double[n]).ToArray();
        private readonly double[][] _y = Enumerable.Range(0, capacity).Select(_ => new double[n]).ToArray();
        private readonly double[] _sy = new double[capacity];
        private readonly double[] _alpha = new double[capacity];
        private int _newest = -1;
        private double _yy = 1, _lastSy = 1;

        public int Count { get; private set; }

        public void Clear()
        {
            Count = 0;
            _newest = -1;
        }

        public void Push(double[] d, double step, double[] g, double[] gPrevious, double sy)
        {
            _newest = (_newest + 1) % capacity;
            double[] s = _s[_newest], y = _y[_newest];
            for (int i = 0; i < n; i++)
            {
                s[i] = step * d[i];
                y[i] = g[i] - gPrevious[i];
            }

            _sy[_newest] = sy;
            _yy = Dot(y, y);
            _lastSy = sy;
            Count = Math.Min(Count + 1, capacity);
        }

        /// <summary>d = −H·g; with no pairs, d = −g (L-BFGS-B's Cauchy step with θ = 1).</summary>
        public void Direction(double[] g, double[] d)
        {
            for (int i = 0; i < n; i++)
            {
                d[i] = -g[i];
            }

            if (Count == 0)
            {
                return;
            }

            for (int k = 0; k < Count; k++)
            {
                int j = Slot(k);
                _alpha[j] = Dot(_s[j], d) / _sy[j];
                TensorPrimitives.MultiplyAdd(_y[j], -_alpha[j], d, d);
            }

            TensorPrimitives.Multiply(d, _lastSy / _yy, d);
            for (int k = Count - 1; k >= 0; k--)
            {
                int j = Slot(k);
                double beta = Dot(_y[j], d) / _sy[j];
                TensorPrimitives.MultiplyAdd(_s[j], _alpha[j] - beta, d, d);
            }
        }

        /// <summary>The slot of the k-th newest pair (k = 0: newest).</summary>
        private int Slot(int k) => ((_newest - k) % capacity + capacity) % capacity;
    }
}
