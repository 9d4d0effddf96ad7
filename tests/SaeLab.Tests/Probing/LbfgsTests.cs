using SaeLab.Probing.Optimization;

namespace SaeLab.Tests.Probing;

public sealed class LbfgsTests
{
    [Fact]
    public void Minimize_FindsTheRosenbrockMinimum()
    {
        double[] x = [-1.2, 1];

        LbfgsResult result = Lbfgs.Minimize(Rosenbrock, x, new LbfgsOptions { GradientTolerance = 1e-8, RelativeReductionTolerance = 0 });

        Assert.True(result.Converged, result.Message);
        Assert.Equal(1, x[0], 1e-6);
        Assert.Equal(1, x[1], 1e-6);
    }

    [Fact]
    public void Minimize_StopsAtTheIterationLimitUnconverged()
    {
        double[] x = [-1.2, 1];

        LbfgsResult result = Lbfgs.Minimize(Rosenbrock, x, new LbfgsOptions { MaxIterations = 3 });

        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
    }

    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = 1 - x[0], b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    }
}
