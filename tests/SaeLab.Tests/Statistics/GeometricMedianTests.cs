using SaeLab.Statistics;

namespace SaeLab.Tests.Statistics;

public sealed class GeometricMedianTests
{
    [Fact]
    public void OnALine_ItIsTheMedian()
    {
        double[] median = GeometricMedian.Compute([0f, 1f, 2f, 10f, 1000f], dim: 1, maxIterations: 1000, tolerance: 1e-12);
        Assert.Equal(2.0, median[0], 1e-4);
    }

    [Fact]
    public void ASymmetricSet_HasItsCentre()
    {
        float[] square = [1, 1, 1, -1, -1, 1, -1, -1, 3, 5, 3, 5];
        float[] points = [.. square.Take(8).Select((v, i) => v + (i % 2 == 0 ? 3f : 5f))];
        double[] median = GeometricMedian.Compute(points, dim: 2);
        Assert.Equal(3.0, median[0], 1e-6);
        Assert.Equal(5.0, median[1], 1e-6);
    }

    [Fact]
    public void AnOutlier_MovesTheMeanButBarelyTheMedian()
    {
        var random = new Random(1);
        float[] points = [.. Enumerable.Range(0, 200 * 3).Select(_ => (float)random.NextDouble()), 1e6f, 1e6f, 1e6f];
        double[] median = GeometricMedian.Compute(points, dim: 3);
        double[] mean = ColumnMeans.Of(points, 201, 3);
        Assert.All(median, x => Assert.InRange(x, 0.3, 0.7));
        Assert.All(mean, x => Assert.True(x > 4000));
    }

    [Fact]
    public void ItMinimisesTheSumOfDistances()
    {
        var random = new Random(2);
        const int Dim = 5;
        float[] points = [.. Enumerable.Range(0, 60 * Dim).Select(_ => (float)(random.NextDouble() * random.NextDouble() * 10))];
        double[] median = GeometricMedian.Compute(points, Dim, maxIterations: 500, tolerance: 1e-10);
        double best = Objective(points, Dim, median);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] moved = [.. median.Select(x => x + 0.01 * (random.NextDouble() - 0.5))];
            Assert.True(Objective(points, Dim, moved) >= best - 1e-9);
        }
    }

    [Fact]
    public void BadShapes_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => GeometricMedian.Compute([], 2));
        Assert.Throws<ArgumentException>(() => GeometricMedian.Compute([1f, 2f, 3f], 2));
    }

    private static double Objective(float[] points, int dim, double[] y) =>
        Enumerable.Range(0, points.Length / dim).Sum(i => Math.Sqrt(Enumerable.Range(0, dim).Sum(j => Math.Pow(points[i * dim + j] - y[j], 2))));
}
