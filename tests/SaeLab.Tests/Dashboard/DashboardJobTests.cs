using SaeLab.Analysis;
using SaeLab.Dashboard;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Tests.Evaluation;

namespace SaeLab.Tests.Dashboard;

public sealed class DashboardJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-dashboard-job-").FullName;
    private readonly string _sae;
    private readonly string _data;
    private readonly string _texts;

    public DashboardJobTests()
    {
        _sae = Path.Combine(_dir, "sae");
        SaeCheckpoint.Save(_sae, TinySae.SplitSigns(2));
        _data = Path.Combine(_dir, "unlabelled.safetensors");
        ActivationWriter.Write(new ActivationSet([1, -2, 3, 0.5f], 2, 2, [new IntColumn(MetadataKeys.Problems, [1, 0])], "unlabelled"), _data);
        _texts = Path.Combine(_dir, "problems.json");
        File.WriteAllText(_texts, """
            [{"problem": 0, "question": "q0", "answer": "1+1=<<1+1=2>>2\n#### 2"},
             {"problem": 1, "question": "q1", "answer": "2*3=<<2*3=6>>6\n#### 6"}]
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_WritesTheSiteInsideTheSaeFolder_LabellingTheDataFromTheTexts()
    {
        var notes = new List<string>();
        var job = new DashboardJob { Sae = _sae, Data = _data, Texts = _texts, Load = new ActivationLoadOptions { Notify = notes.Add } };

        FeatureAnalysis analysis = job.Run();

        Assert.Equal(Path.Combine(_sae, DashboardJob.DefaultFolder), job.Folder);
        Assert.True(File.Exists(Path.Combine(job.Folder, DashboardSite.IndexFileName)));
        Assert.Equal((4, 2), (analysis.DSae, analysis.Vectors));
        Assert.Contains(notes, note => note.Contains("labelled each vector from its problem's worked answer", StringComparison.Ordinal));
    }

    [Fact]
    public void ABadOption_IsRefusedBeforeAnythingIsRead()
    {
        var job = new DashboardJob { Sae = "no-such-sae", Data = _data, Texts = "no-such-texts.json", Options = new DashboardOptions { Top = 0 } };

        var error = Assert.Throws<SaeLabException>(() => job.Run());

        Assert.StartsWith("--top must be ≥ 1", error.Message);
    }
}
