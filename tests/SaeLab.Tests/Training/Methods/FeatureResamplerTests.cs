using System.Numerics.Tensors;
using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Methods;
using SaeLab.Training.Optimization;

namespace SaeLab.Tests.Training.Methods;

public sealed class FeatureResamplerTests
{
    private const int D = 8, M = 6;

    [Fact]
    public void ADeadFeature_TakesTheWorstReconstructedVector_CentredOnTheSampleMean()
    {
        var (sae, adam) = Model();
        // Vectors 0..4 sit at the origin's neighbourhood and reconstruct well (the SAE outputs ~0); vector 5 is far off.
        float[] vectors = new float[6 * D];
        for (int i = 0; i < 5 * D; i++)
        {
            vectors[i] = 0.01f * (i % 3);
        }

        for (int j = 0; j < D; j++)
        {
            vectors[5 * D + j] = 5f + j;
        }

        float liveNorm = (float)Enumerable.Range(1, M - 1).Average(f => ColumnNorm(sae, f));
        var resampler = new FeatureResampler(sae, adam, every: 1, deadWindow: 1, totalSteps: 100, seed: 0);

        Assert.Equal(1, resampler.Resample([0], vectors, 6, new Random(0)));

        float[] centre = [.. Enumerable.Range(0, D).Select(j => Enumerable.Range(0, 6).Average(i => vectors[i * D + j]))];
        float[] expected = [.. Enumerable.Range(0, D).Select(j => vectors[5 * D + j] - centre[j])];
        TensorPrimitives.Divide(expected, TensorPrimitives.Norm(expected), expected);
        AssertClose(expected, sae.WDec.AsSpan(0, D).ToArray());
        Assert.Equal(0.2f * liveNorm, ColumnNorm(sae, 0), 1e-5f);
        float pre = Enumerable.Range(0, D).Sum(j => vectors[5 * D + j] * sae.WEnc[j * M]) + sae.BEnc[0];
        Assert.Equal(0.2f * liveNorm * Norm(vectors, 5, centre), pre, 1e-4f);
        AdamState state = adam.ExportState();
        Assert.All(Enumerable.Range(0, D), j => Assert.Equal(0f, state.FirstMoments[0][j * M]));
        Assert.All(Enumerable.Range(0, D), j => Assert.Equal(0f, state.FirstMoments[2][j]));
        Assert.Equal(0f, state.FirstMoments[1][0]);
        Assert.NotEqual(0f, state.FirstMoments[1][1]);
    }

    [Fact]
    public void NothingIsResampledInTheLastWindow_OrBeforeAFeatureIsDead()
    {
        var (sae, adam) = Model();
        float[] before = [.. sae.WDec];
        var resampler = new FeatureResampler(sae, adam, every: 2, deadWindow: 3, totalSteps: 6, seed: 0);
        float[] silent = new float[M];
        float[] sample = [.. Enumerable.Range(0, 4 * D).Select(i => (float)(i % 5))];

        resampler.AfterStep(silent, 1, step: 2, (_, _) => sample); // dead after 2 vectors? not yet: the window is 3
        Assert.Empty(resampler.Events);
        resampler.AfterStep(silent, 1, step: 5, (_, _) => sample); // not a multiple of 2
        resampler.AfterStep(silent, 1, step: 6, (_, _) => sample); // the last window: 6 > 6 − 2
        Assert.Empty(resampler.Events);
        Assert.Equal(before, sae.WDec);

        var early = new FeatureResampler(sae, adam, every: 2, deadWindow: 2, totalSteps: 100, seed: 0);
        early.AfterStep(silent, 1, step: 1, (_, _) => sample);
        early.AfterStep(silent, 1, step: 2, (_, _) => sample);
        Assert.Equal(new ResamplingEvent(2, M, 4), Assert.Single(early.Events)); // the sample holds 4 vectors for 6 dead features
    }

    private static (ReluSae Sae, AdamOptimizer Adam) Model()
    {
        var sae = new ReluSae(D, M);
        var random = new Random(1);
        for (int i = 0; i < sae.WEnc.Length; i++)
        {
            sae.WEnc[i] = (float)(random.NextDouble() - 0.5);
            sae.WDec[i] = (float)(random.NextDouble() - 0.5);
        }

        var adam = new AdamOptimizer(ComputeContext.Current, 1e-3, new ParameterMatrix(sae.WEnc, M), new ParameterMatrix(sae.BEnc, M), new ParameterMatrix(sae.WDec, D), new ParameterMatrix(sae.BDec, D));
        float[][] gradients = [[.. sae.WEnc.Select(_ => 1f)], [.. sae.BEnc.Select(_ => 1f)], [.. sae.WDec.Select(_ => 1f)], [.. sae.BDec.Select(_ => 1f)]];
        adam.Step([new DenseGradientTiles(gradients[0], M), new DenseGradientTiles(gradients[1], M), new DenseGradientTiles(gradients[2], D), new DenseGradientTiles(gradients[3], D)]);
        return (sae, adam);
    }

    private static float ColumnNorm(ReluSae sae, int f) => MathF.Sqrt(Enumerable.Range(0, D).Sum(j => sae.WEnc[j * M + f] * sae.WEnc[j * M + f]));

    private static float Norm(float[] vectors, int row, float[] centre) =>
        MathF.Sqrt(Enumerable.Range(0, D).Sum(j => (vectors[row * D + j] - centre[j]) * (vectors[row * D + j] - centre[j])));

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }
}
