using SaeLab.Evaluation;
using SaeLab.Reports;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Reports;

public sealed class EvaluationReportTests
{
    [Theory]
    [InlineData(10f, 1f, true)]
    [InlineData(1f, 1f, false)]
    public void Text_SaysCosineIsUninformative_WhereTheMeanAloneScoresHigh(float shared, float spread, bool uninformative)
    {
        // Rows (shared, ±spread): the mean alone scores cosine shared ÷ √(shared² + spread²), 0.995 for (10, 1), 0.707 for (1, 1).
        EvaluationResult result = ReconstructionEvaluator.Evaluate(TinySae.SplitSigns(2), TinySae.Rows([shared, spread], [shared, -spread]));

        Assert.Equal(uninformative, EvaluationReport.Text(result).Contains("cosine uninformative", StringComparison.Ordinal));
    }
}
