using SaeLab.Evaluation;

namespace SaeLab.Tests.Evaluation;

public sealed class ReconstructionEvaluatorTests
{
    private const double Tolerance = 1e-12;

    // Four vectors whose codes under SplitSigns(2) are, in features [x0+, x1+, x0−, x1−]:
    // [1,0,0,0], [1,1,0,0], [0,0,0,0], [0,3,2,0] → L0 = 1, 2, 0, 2 and Σ|z| = 1, 2, 0, 5; feature 3 is dead.
    private static readonly float[][] FourRows = [[1, 0], [1, 1], [0, 0], [-2, 3]];

    [Fact]
    public void PerfectReconstruction_HasNoErrorAndFullVariance()
    {
        EvaluationMetrics m = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows(FourRows)).Metrics;

        Assert.Equal(0, m.Mse);
        Assert.Equal(1, m.ExplainedVariance);
        // Row [0, 0] has zero norm and counts as cosine 0: (1 + 1 + 0 + 1) / 4.
        Assert.Equal(0.75, m.CosineSimilarity, Tolerance);
    }

    [Fact]
    public void SparsityMetrics_MatchTheHandCount()
    {
        EvaluationResult result = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows(FourRows));
        EvaluationMetrics m = result.Metrics;

        Assert.Equal(1.25, m.L0Mean, Tolerance);
        // Unbiased: Σ (l0 − 1.25)² = 0.0625 + 0.5625 + 1.5625 + 0.5625 = 2.75, over N − 1 = 3.
        Assert.Equal(Math.Sqrt(2.75 / 3), m.L0Std, Tolerance);
        Assert.Equal(1.25 / 4, m.L0Fraction, Tolerance);
        Assert.Equal(2, m.L1Mean, Tolerance);
        Assert.Equal(1, m.DeadFeatures);
        Assert.Equal(0.25, m.DeadFraction, Tolerance);
        Assert.Equal(3, m.ActiveFeatures);
        Assert.Equal([2, 2, 1, 0], result.Features.Usage);
        Assert.Equal([1f, 3f, 2f, 0f], result.Features.MaxActivation);
        Assert.Equal([0.5, 0.5, 0.25, 0], result.Features.Density());
        Assert.Equal([Math.Log10(0.5), Math.Log10(0.5), Math.Log10(0.25)], result.Features.LiveLog10Density());
        Assert.Equal(1, result.Features.DeadCount);
    }

    [Fact]
    public void HalfScaleReconstruction_ExplainsThreeQuarters()
    {
        // x̂ = x/2 → residual x/2: Var ratio 1/4 in every dimension, cosine 1 where x ≠ 0, mse = mean(x²)/4.
        EvaluationMetrics m = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2, scale: 0.5f), TinySae.Rows(FourRows)).Metrics;

        Assert.Equal(0.75, m.ExplainedVariance, Tolerance);
        Assert.Equal(0.75, m.CosineSimilarity, Tolerance);
        // Σ x² = 1 + 2 + 0 + 13 = 16 over 8 elements = 2, quartered.
        Assert.Equal(0.5, m.Mse, Tolerance);
    }

    [Fact]
    public void ConstantOffset_CostsMseButNoVariance()
    {
        // x̂ = x + 0.5: the residual −0.5 is constant, so its variance is 0 (EV 1) while mse = 0.25.
        EvaluationMetrics m = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2, offset: 0.5f), TinySae.Rows(FourRows)).Metrics;

        Assert.Equal(0.25, m.Mse, Tolerance);
        Assert.Equal(1, m.ExplainedVariance, Tolerance);
        // cos([1,0],[1.5,0.5]) and so on, worked out directly; [0,0] against [0.5,0.5] has zero norm → 0.
        double expected = (Cos([1, 0], [1.5, 0.5]) + Cos([1, 1], [1.5, 1.5]) + 0 + Cos([-2, 3], [-1.5, 3.5])) / 4;
        Assert.Equal(expected, m.CosineSimilarity, Tolerance);
    }

    [Fact]
    public void SaeThatOutputsZero_ExplainsNothingAndIsAllDead()
    {
        var sae = new SaeLab.Sae.ReluSae(2, 3);
        EvaluationResult result = ReconstructionEvaluator.Evaluate(sae, TinySae.Rows(FourRows));

        Assert.Equal(0, result.Metrics.ExplainedVariance, Tolerance);
        Assert.Equal(0, result.Metrics.CosineSimilarity);
        Assert.Equal(2, result.Metrics.Mse, Tolerance);
        Assert.Equal(3, result.Metrics.DeadFeatures);
        Assert.Equal(Verdict.Poor, result.Verdict.Reconstruction);
        Assert.Equal(Verdict.Poor, result.Verdict.Sparsity);
    }

    [Fact]
    public void ActiveThreshold_IsStrict()
    {
        // |z| = 0.5 is not active at threshold 0.5, but is at 0.49.
        var data = TinySae.Rows([0.5f, 0], [0.5f, 0]);

        Assert.Equal(0, ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), data, new EvaluationOptions { ActiveThreshold = 0.5 }).Metrics.L0Mean);
        Assert.Equal(1, ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), data, new EvaluationOptions { ActiveThreshold = 0.49 }).Metrics.L0Mean);
    }

    [Fact]
    public void OneVector_HasUndefinedVariances()
    {
        EvaluationMetrics m = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows([1, 2])).Metrics;

        Assert.True(double.IsNaN(m.ExplainedVariance));
        Assert.True(double.IsNaN(m.L0Std));
        Assert.Equal(1, m.CosineSimilarity, Tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1024)]
    public void Batches_GiveTheSameMetricsAsTheWholeSet(int batchSize)
    {
        var sae = TinySae.RandomSae(12, 20, seed: 3);
        var data = TinySae.Random(101, 12, seed: 4);

        EvaluationMetrics whole = ReconstructionEvaluator.Evaluate(sae, data, new EvaluationOptions { BatchSize = 101 }).Metrics;
        EvaluationMetrics batched = ReconstructionEvaluator.Evaluate(sae, data, new EvaluationOptions { BatchSize = batchSize }).Metrics;

        Assert.Equal(whole.Mse, batched.Mse, 1e-12);
        Assert.Equal(whole.ExplainedVariance, batched.ExplainedVariance, 1e-12);
        Assert.Equal(whole.CosineSimilarity, batched.CosineSimilarity, 1e-12);
        Assert.Equal(whole.L0Std, batched.L0Std, 1e-12);
        Assert.Equal(whole.L1Mean, batched.L1Mean, 1e-12);
        Assert.Equal(whole.DeadFeatures, batched.DeadFeatures);
    }

    [Fact]
    public void ExplainedVariance_MatchesATwoPassOracle_EvenFarFromZero()
    {
        // Large means next to unit spread is where one-pass Σx² − (Σx)²/N formulas lose every digit.
        var sae = TinySae.SplitSigns(6, scale: 0.9f);
        var data = TinySae.Random(300, 6, seed: 5, mean: 1000);

        EvaluationMetrics m = ReconstructionEvaluator.Evaluate(sae, data, new EvaluationOptions { BatchSize = 16 }).Metrics;

        float[] residual = data.Values.Select(v => v - (0.9f * v)).ToArray();
        double expected = 1 - (MeanColumnVariance(residual, 6) / MeanColumnVariance(data.Values, 6));
        Assert.Equal(expected, m.ExplainedVariance, 1e-9);
    }

    [Fact]
    public void MismatchedDimensions_AreAUserError()
    {
        var error = Assert.Throws<SaeLabException>(() => ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(3), TinySae.Rows(FourRows)));
        Assert.Contains("d_in = 3", error.Message);
    }

    [Fact]
    public void InvalidOptions_NameTheOption()
    {
        var error = Assert.Throws<SaeLabException>(() => ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows(FourRows), new EvaluationOptions { BatchSize = 0 }));
        Assert.Contains("--batch-size", error.Message);
    }

    [Theory]
    [InlineData(0.95, 0.05, Verdict.Good, Verdict.Good)]
    [InlineData(0.9, 0.1, Verdict.Fair, Verdict.Fair)]
    [InlineData(0.7, 0.3, Verdict.Poor, Verdict.Poor)]
    [InlineData(double.NaN, 0.29, Verdict.Poor, Verdict.Fair)]
    public void Verdicts_FollowTheSeedsThresholds(double explainedVariance, double deadFraction, Verdict reconstruction, Verdict sparsity)
    {
        var thresholds = new VerdictThresholds();

        Assert.Equal(reconstruction, thresholds.Reconstruction(explainedVariance));
        Assert.Equal(sparsity, thresholds.Sparsity(deadFraction, l0PerInput: 0.01));
    }

    [Theory]
    [InlineData(0.0, 0.04, Verdict.Good)]
    [InlineData(0.0, 0.05, Verdict.Fair)]
    [InlineData(0.0, 0.25, Verdict.Poor)]
    [InlineData(0.2, 0.01, Verdict.Fair)]
    [InlineData(0.5, 0.01, Verdict.Poor)]
    [InlineData(0.0, double.NaN, Verdict.Poor)]
    public void SparsityVerdict_IsTheWorseOfDeadFractionAndL0(double deadFraction, double l0PerInput, Verdict sparsity) =>
        Assert.Equal(sparsity, new VerdictThresholds().Sparsity(deadFraction, l0PerInput));

    [Theory]
    [InlineData(10f, 1f, 0.99503719, true)]
    [InlineData(1f, 1f, 0.70710678, false)]
    public void MeanVectorCosine_IsWhatTheMeanAloneWouldScore(float shared, float spread, double expected, bool uninformative)
    {
        // Rows (shared, ±spread): μ = (shared, 0), and each row's cosine with it is shared ÷ √(shared² + spread²).
        EvaluationResult result = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows([shared, spread], [shared, -spread]));

        Assert.Equal(expected, result.Metrics.MeanVectorCosine, 1e-6);
        Assert.Equal(uninformative, result.Metrics.CosineIsUninformative);
    }

    [Fact]
    public void MeanVectorCosine_OfCentredData_IsZero() =>
        Assert.Equal(0, ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows([1, 0], [-1, 0])).Metrics.MeanVectorCosine);

    [Fact]
    public void ADenseCodeWithNoDeadFeatures_IsNotCalledSparse()
    {
        // SplitSigns(2) on rows with both coordinates non-zero: two of the four features fire on every vector, none is
        // dead, and L0 = 2 = d_in.
        EvaluationResult result = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows([[1, 1], [-1, -1], [1, -1], [2, 3]]));

        Assert.Equal(0, result.Metrics.DeadFeatures);
        Assert.Equal(1.0, result.Metrics.L0PerInput);
        Assert.Equal(Verdict.Poor, result.Verdict.Sparsity);
    }

    private static double Cos(double[] x, double[] y) =>
        x.Zip(y, (a, b) => a * b).Sum() / Math.Sqrt(x.Sum(a => a * a) * y.Sum(b => b * b));

    /// <summary>Two-pass unbiased variance of each column of [N, dim], averaged over columns.</summary>
    private static double MeanColumnVariance(float[] values, int dim)
    {
        int n = values.Length / dim;
        double total = 0;
        for (int j = 0; j < dim; j++)
        {
            double mean = Enumerable.Range(0, n).Average(i => (double)values[(i * dim) + j]);
            total += Enumerable.Range(0, n).Sum(i => Math.Pow(values[(i * dim) + j] - mean, 2)) / (n - 1);
        }

        return total / dim;
    }
}
