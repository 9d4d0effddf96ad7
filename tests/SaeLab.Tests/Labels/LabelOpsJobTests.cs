using SaeLab.Data;
using SaeLab.Labels;

namespace SaeLab.Tests.Labels;

public sealed class LabelOpsJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-label-ops-job-").FullName;
    private readonly string _problems;

    public LabelOpsJobTests()
    {
        _problems = Path.Combine(_dir, "problems.json");
        File.WriteAllText(_problems, """
            [{"id": 4, "answer": "1+1=<<1+1=2>>2\n#### 2"},
             {"id": 9, "answer": "2*3=<<2*3=6>>6\n#### 6"}]
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_LabelsTheProblems_AndAttachesTheLabelsByTheMatchAsked()
    {
        string data = Path.Combine(_dir, "acts.safetensors"), target = Path.Combine(_dir, "labelled.npz"), json = Path.Combine(_dir, "labels.json");
        ActivationWriter.Write(new ActivationSet(new float[6], 3, 2, [new IntColumn("pid", [9, 4, 9])], "acts"), data);
        var job = new LabelOpsJob
        {
            Problems = _problems,
            Out = json,
            Attach = data,
            To = target,
            Match = new LabelAttachOptions { MatchColumn = "pid", MatchField = "id", LabelColumn = "op" },
        };

        LabelOpsResult result = job.Run();

        Assert.Equal(["pure_addition", "pure_multiplication"], result.Labeling.Labels.Select(l => l.Label));
        Assert.Equal(["pure_multiplication", "pure_addition", "pure_multiplication"], ActivationLoader.Load(target).Strings("op"));
        Assert.Equal(3, result.Labelled!.Count);
        Assert.Contains("\"pure_addition\": 1", File.ReadAllText(json));
    }

    [Fact]
    public void AttachWithoutATarget_IsRefusedBeforeReading()
    {
        var job = new LabelOpsJob { Problems = "no-such-problems.json", Attach = "acts.safetensors" };

        var error = Assert.Throws<SaeLabException>(() => job.Run());

        Assert.Equal("--attach needs --to FILE: where to write the labelled activations", error.Message);
    }
}
