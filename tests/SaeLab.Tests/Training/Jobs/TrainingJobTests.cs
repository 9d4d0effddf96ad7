using SaeLab.Formats.SafeTensors;
using SaeLab.Settings;
using SaeLab.Tensors;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Jobs;
using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Training.Jobs;

/// <summary>A training job end to end in the library: file to SAE folder, checkpoints dropped when it finishes, and the parts that do not fit refused.</summary>
public sealed class TrainingJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-job-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AJob_WritesTheSaeFolder_AndDropsItsCheckpoints()
    {
        string output = Path.Combine(_dir, "sae");
        var job = new TrainingJob
        {
            Data = WriteData(),
            Output = output,
            Config = new SaeTrainingConfig { Features = 6, Epochs = 2, BatchSize = 8 },
            Checkpoints = new TrainingCheckpointOptions { Directory = TrainingCheckpoint.FolderIn(output), Every = 2 },
        };

        TrainingJobResult result = job.Run();

        Assert.Equal(40, result.Vectors);
        Assert.Equal(2, result.Training.Epochs.Count);
        Assert.True(File.Exists(Path.Combine(output, "cfg.json")));
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderIn(output)));
        Assert.Null(result.Supervised);
        Assert.Null(result.Plan);
    }

    [Fact]
    public void StreamingSettingsForAFile_AreRefused()
    {
        var job = new TrainingJob
        {
            Data = WriteData(),
            Output = Path.Combine(_dir, "x"),
            Config = new SaeTrainingConfig { Features = 4 },
            Streaming = new StreamingConfig { MaxMemoryBytes = 1 << 30 },
        };

        Assert.Contains("apply to a shard folder", Assert.Throws<SaeLabException>(job.Validate).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(job.Output));
    }

    [Fact]
    public void TheConfigsOwnCheck_RunsFirst()
    {
        var job = new TrainingJob { Data = WriteData(), Output = Path.Combine(_dir, "x"), Config = new SaeTrainingConfig { Features = 4, Epochs = 0 }, Supervised = new SupervisedConfig() };

        Assert.Contains("--epochs", Assert.Throws<SettingException>(job.Validate).Message, StringComparison.Ordinal);
    }

    private string WriteData()
    {
        var random = new Random(1);
        float[] values = [.. Enumerable.Range(0, 40 * 5).Select(_ => (float)random.NextDouble())];
        string path = Path.Combine(_dir, "data.safetensors");
        SafeTensorsFile.Write(path, [new("activations", HostTensor.FromFloat32(values, 40, 5))]);
        return path;
    }
}
