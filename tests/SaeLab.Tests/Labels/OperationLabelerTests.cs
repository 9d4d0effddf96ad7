using SaeLab.Labels;

namespace SaeLab.Tests.Labels;

public sealed class OperationLabelerTests
{
    [Theory]
    [InlineData("72 - 58 = <<72-58=14>>14\n#### 14", OperationLabeler.PureAddition)]
    [InlineData("3*10=<<3*10=30>>30 miles\n#### 30", OperationLabeler.PureMultiplication)]
    [InlineData("4-1=3 hours, 3*10=30\n#### 30", OperationLabeler.Mixed)]
    [InlineData("9% per hour * 5 hours, 45 + 21 +28 = 94%\n#### 94", OperationLabeler.PureAddition)]
    [InlineData("She has 5 apples.\n#### 5", OperationLabeler.Mixed)]
    public void Classify_FollowsTheSeedsRule(string answer, string expected) =>
        Assert.Equal(expected, OperationLabeler.Classify(answer));

    [SkippableFact]
    public void Classify_ReproducesEveryLabelOfTheSeedsProblemSet()
    {
        string path = TestData.RequireSharedFile("gsm8k_operation_samples_600.json");

        IReadOnlyList<ProblemRecord> problems = ProblemFile.Read(path);

        Assert.Equal(600, problems.Count);
        Assert.All(problems, p => Assert.Equal(p.OperationType, OperationLabeler.Classify(p.Answer)));
    }
}
