using SaeLab.Probing.Classifier;

namespace SaeLab.Tests.Probing;

public sealed class LinearScoresTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 3, 1)]
    [InlineData(7, 17, 3)]
    [InlineData(33, 257, 4)]
    [InlineData(9, 4100, 2)]
    public void FastKernels_MatchTheNaiveTwin(int n, int d, int k)
    {
        var random = new Random(n * 1000 + d);
        float[] x = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int stride = d + 1;
        double[] w = Enumerable.Range(0, k * stride).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] r = Enumerable.Range(0, n * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] scores = new double[n * k], scoresReference = new double[n * k];
        double[] g = new double[k * stride], gReference = new double[k * stride];

        LinearScores.Scores(x, n, d, w, k, stride, scores);
        LinearScoresReference.Scores(x, n, d, w, k, stride, scoresReference);
        LinearScores.Gradient(x, n, d, r, k, g, stride);
        LinearScoresReference.Gradient(x, n, d, r, k, gReference, stride);

        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Equal(scoresReference[i], scores[i], Tolerance * d);
        }

        for (int i = 0; i < g.Length; i++)
        {
            Assert.Equal(gReference[i], g[i], Tolerance * n);
        }
    }
}
