using SaeLab.Dashboard;
using SaeLab.Data;

namespace SaeLab.Tests.Dashboard;

public sealed class ProblemTextsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-texts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void TheRealProblemsFile_GivesEveryQuestionByProblem()
    {
        ProblemTexts texts = ProblemTexts.Read(TestData.RequireSharedFile("codi_llama_ct_20.problems.json"));

        Assert.Equal(20, texts.Questions.Count);
        Assert.StartsWith("Tom's ship can travel at 10 miles per hour.", texts.Questions[0]);
    }

    [Fact]
    public void AProblemWithoutAQuestion_IsAnErrorNamingTheFile()
    {
        string path = Path.Combine(_dir, "problems.json");
        File.WriteAllText(path, """[{"problem": 0, "answer": "1+1=<<1+1=2>>2\n#### 2"}]""");

        var error = Assert.Throws<SaeLabException>(() => ProblemTexts.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("no string field 'question'", error.Message);
    }

    [Fact]
    public void UnlabelledData_AreLabelledFromTheWorkedAnswers()
    {
        string path = Path.Combine(_dir, "problems.json");
        File.WriteAllText(path, """
            [{"problem": 0, "question": "q0", "answer": "1+1=<<1+1=2>>2\n#### 2"},
             {"problem": 1, "question": "q1", "answer": "2*3=<<2*3=6>>6\n#### 6"}]
            """);
        var data = new ActivationSet(new float[4], 2, 2, [new IntColumn(MetadataKeys.Problems, [1, 0])], "unlabelled");
        var notes = new List<string>();

        ActivationSet labelled = ProblemTexts.Read(path).LabelIfUnlabelled(data, MetadataKeys.DefaultLabel, notes.Add);

        Assert.Equal(["pure_multiplication", "pure_addition"], labelled.Strings(MetadataKeys.DefaultLabel));
        Assert.Single(notes);
    }
}
