using System.Text.Json.Nodes;
using SaeLab.Data;
using SaeLab.Formats.SafeTensors;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Tests.Cli;
using SaeLab.Tests.Evaluation;
using SaeLab.Training.Architectures;

namespace SaeLab.Tests.IO;

/// <summary>Every output says which SaeLab build wrote it; cfg.json can say which model and hook the SAE reads.</summary>
public sealed class ProvenanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-provenance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheVersion_NamesTheReleaseAndTheCommit() =>
        Assert.Matches(@"^0\.1\.0(\+[0-9a-f]{40})?$", SaeLabVersion.Current);

    [Fact]
    public void JsonOutputs_RecordTheVersionFirst_AndStillReadBack()
    {
        string path = Path.Combine(_dir, "result.json");

        JsonFiles.Write(path, new Sample(3));

        JsonObject written = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(SaeLabVersion.Key, written.First().Key);
        Assert.Equal(SaeLabVersion.Current, (string?)written[SaeLabVersion.Key]);
        Assert.Equal(new Sample(3), JsonFiles.Read<Sample>(path));
    }

    [Fact]
    public void CfgJson_RecordsTheVersion_AndTheModelAndHookWhenGiven()
    {
        SaeCheckpoint.Save(_dir, TinySae.SplitSigns(2), SaeSaveOptions.Default with { ModelName = "meta-llama/Llama-3.2-1B", HookName = "blocks.8.hook_resid_post" });

        JsonObject cfg = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.Equal(SaeLabVersion.Current, (string?)cfg[SaeLabVersion.Key]);
        Assert.Equal("meta-llama/Llama-3.2-1B", (string?)cfg["model_name"]);
        Assert.Equal("blocks.8.hook_resid_post", (string?)cfg["hook_name"]);
        Assert.Equal(4, SaeFolder.Load(_dir).DSae);
    }

    [Fact]
    public void CfgJson_HoldsNoModelOrHookUnlessGiven_NorInternalFields()
    {
        SaeCheckpoint.Save(_dir, TinySae.SplitSigns(2));

        JsonObject cfg = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.DoesNotContain("model_name", cfg.Select(pair => pair.Key));
        Assert.DoesNotContain("all_off", cfg.Select(pair => pair.Key));
        Assert.DoesNotContain("needs_data_sample", cfg.Select(pair => pair.Key));
    }

    [Fact]
    public void TrainFlags_ReachCfgJson()
    {
        string data = Path.Combine(_dir, "x.safetensors");
        ActivationWriter.Write(new ActivationSet([.. Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i))], 16, 4, [], data), data);
        string output = Path.Combine(_dir, "sae");

        CliResult result = CliRunner.Run("train", "--data", data, "--out", output, "--features", "4", "--epochs", "1", "--quiet", "--model-name", "gpt2", "--hook-name", "blocks.0.hook_resid_pre");

        Assert.Equal(0, result.ExitCode);
        JsonObject cfg = JsonNode.Parse(File.ReadAllText(Path.Combine(output, SaeCheckpoint.ConfigFileName)))!.AsObject();
        Assert.Equal(("gpt2", "blocks.0.hook_resid_pre"), ((string?)cfg["model_name"], (string?)cfg["hook_name"]));
        Assert.Equal(SaeLabVersion.Current, SafeTensorsFile.Read(data).Metadata[ActivationWriter.VersionMetadataKey]);
    }

    private sealed record Sample(int Value);
}
