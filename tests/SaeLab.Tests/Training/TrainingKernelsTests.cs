using SaeLab.Training.Kernels;

namespace SaeLab.Tests.Training;

public sealed class TrainingKernelsTests
{
    public static TheoryData<int> Lengths => [0, 1, 7, 8, 15, 16, 17, 31, 33, 64, 67, 257];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AdamUpdate_MatchesItsNaiveTwinBitForBit(int length)
    {
        var random = new Random(length);
        float[] param = RandomValues(random, length), grad = RandomValues(random, length);
        float[] m = RandomValues(random, length), v = [.. RandomValues(random, length).Select(MathF.Abs)];
        float[] param2 = [.. param], m2 = [.. m], v2 = [.. v];

        TrainingKernels.AdamUpdate(param, grad, m, v, learningRate: 1e-3, step: 3);
        TrainingKernelsReference.AdamUpdate(param2, grad, m2, v2, learningRate: 1e-3, step: 3);

        Assert.Equal(param2, param);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
    }

    [Fact]
    public void AdamUpdate_TwoStepsMatchTheHandWorkedCase()
    {
        float[] param = [1f], m = [0f], v = [0f];

        // Step 1, g = 0.5: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, √v̂ = √(0.00025/0.001) = 0.5;
        // param = 1 − 0.1 · 0.5 / (0.5 + 1e-8) = 0.9 (to 2e-8).
        TrainingKernels.AdamUpdate(param, [0.5f], m, v, learningRate: 0.1, step: 1);
        Assert.Equal(0.05f, m[0], 1e-7f);
        Assert.Equal(0.00025f, v[0], 1e-9f);
        Assert.Equal(0.9f, param[0], 1e-6f);

        // Step 2, g = −1: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975;
        // m̂ = −0.055/0.19 = −0.2894737, √v̂ = √(0.00124975/0.001999) = 0.7906880;
        // param = 0.9 + 0.1 · 0.2894737 / 0.7906880 = 0.9366102.
        TrainingKernels.AdamUpdate(param, [-1f], m, v, learningRate: 0.1, step: 2);
        Assert.Equal(-0.055f, m[0], 1e-7f);
        Assert.Equal(0.00124975f, v[0], 1e-9f);
        Assert.Equal(0.9366102f, param[0], 1e-6f);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReluL1Backward_MatchesItsNaiveTwin(int length)
    {
        var random = new Random(length + 1000);
        float[] codes = [.. RandomValues(random, length).Select(c => c < 0 ? 0 : c)];
        float[] gradient = RandomValues(random, length), gradient2 = [.. gradient];

        TrainingKernels.ReluL1Backward(codes, gradient, 0.25f);
        TrainingKernelsReference.ReluL1Backward(codes, gradient2, 0.25f);

        Assert.Equal(gradient2, gradient);
        Assert.All(Enumerable.Range(0, length).Where(i => codes[i] == 0), i => Assert.Equal(0f, gradient[i]));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReluWeightedL1Backward_MatchesItsNaiveTwinBitForBit(int features)
    {
        const int Rows = 3;
        var random = new Random(features + 3000);
        float[] codes = [.. RandomValues(random, Rows * features).Select(c => c < 0 ? 0 : c)];
        float[] weights = [.. RandomValues(random, features).Select(MathF.Abs)];
        float[] gradient = RandomValues(random, Rows * features), gradient2 = [.. gradient];

        TrainingKernels.ReluWeightedL1Backward(codes, gradient, 0.25f, weights);
        TrainingKernelsReference.ReluWeightedL1Backward(codes, gradient2, 0.25f, weights);

        Assert.Equal(gradient2, gradient);
        Assert.All(Enumerable.Range(0, codes.Length).Where(i => codes[i] == 0), i => Assert.Equal(0f, gradient[i]));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void CountPositive_MatchesItsNaiveTwin(int length)
    {
        float[] values = RandomValues(new Random(length + 2000), length);
        if (length > 2)
        {
            values[1] = 0f;
            values[2] = float.NaN;
        }

        Assert.Equal(TrainingKernelsReference.CountPositive(values), TrainingKernels.CountPositive(values));
    }

    [Fact]
    public void ColumnSums_AddsTheRows()
    {
        var sums = new float[3];
        TrainingKernels.ColumnSums([1, 2, 3, 10, 20, 30], rows: 2, cols: 3, sums);
        Assert.Equal([11f, 22f, 33f], sums);
    }

    private static float[] RandomValues(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(2 * random.NextDouble() - 1))];
}
