using SaeLab.Probing.Classifier;

namespace SaeLab.Tests.Probing;

public sealed class LogisticRegressionTests
{
    private const double CoefficientTolerance = 1e-6;
    private const double ProbabilityTolerance = 1e-6;

    [Theory]
    [InlineData("logistic_multiclass.json")]
    [InlineData("logistic_binary.json")]
    [InlineData("logistic_standardized.json")]
    public void Fit_MatchesScikitLearn(string fixture)
    {
        var c = ProbeFixtures.Read<ProbeFixtures.LogisticCase>(fixture);
        float[] x = c.X.Select(v => (float)v).ToArray();
        float[] train = Rows(x, c.NFeatures, c.TrainIndices), test = Rows(x, c.NFeatures, c.TestIndices);
        int[] y = c.TrainIndices.Select(i => Array.IndexOf(c.Classes, c.Y[i])).ToArray();
        ColumnStandardization? standardization = c.Standardize ? ColumnStandardization.Fit(train, c.TrainIndices.Length, c.NFeatures) : null;

        LogisticModel model = LogisticRegression.Fit(train, c.TrainIndices.Length, c.NFeatures, y, c.Classes, new LogisticRegressionConfig(), standardization);

        Assert.True(model.Converged);
        Assert.Equal(c.CoefRows, model.Rows);
        double scale = c.Coef.Max(Math.Abs);
        for (int i = 0; i < c.Coef.Length; i++)
        {
            Assert.True(Math.Abs(model.Coefficients[i] - c.Coef[i]) <= CoefficientTolerance * scale, $"coef[{i}] {model.Coefficients[i]} vs {c.Coef[i]}");
        }

        for (int r = 0; r < c.Intercept.Length; r++)
        {
            Assert.True(Math.Abs(model.Intercepts[r] - c.Intercept[r]) <= CoefficientTolerance * Math.Max(1, Math.Abs(c.Intercept[r])), $"intercept[{r}]");
        }

        double[] proba = model.PredictProbabilities(test, c.TestIndices.Length);
        for (int i = 0; i < proba.Length; i++)
        {
            Assert.True(Math.Abs(proba[i] - c.TestProba[i]) <= ProbabilityTolerance, $"proba[{i}] {proba[i]} vs {c.TestProba[i]}");
        }

        Assert.Equal(c.TestPred, model.Predict(test, c.TestIndices.Length).Select(k => c.Classes[k]).ToArray());
        Assert.InRange(model.Iterations, c.NIter - 1, c.NIter + 1);
    }

    [Fact]
    public void Fit_RejectsBadConfig()
    {
        var e = Assert.Throws<SaeLabException>(() => new LogisticRegressionConfig { C = 0 }.Validate());
        Assert.Contains("C", e.Message);
    }

    private static float[] Rows(float[] x, int d, int[] indices) =>
        indices.SelectMany(i => x.AsSpan(i * d, d).ToArray()).ToArray();
}
