using SaeLab.Data;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Streaming;
using SaeLab.Training.Supervised;

namespace SaeLab.Tests.Training;

public sealed class ResumeRequestTests
{
    private const string Folder = "/runs/sae";

    private static readonly TrainingCheckpointState Stored =
        TrainingCheckpointState.Fresh(
            new SaeTrainingConfig { Features = 16, LearningRate = 1e-3 }, null,
            new TrainingCheckpointOptions { Directory = Folder + "/checkpoint", Every = 5 }, "/data/acts.npy", 120, "hash");

    [Fact]
    public void NothingGiven_IsAccepted() => new ResumeRequest().CheckAgainst(Stored, Folder);

    [Fact]
    public void EverySettingGivenAsTheCheckpointHasIt_IsAccepted() =>
        new ResumeRequest
        {
            Config = Stored.Config,
            Data = Stored.Data,
            Output = Folder,
            CheckpointEvery = 5,
            SubsetGiven = true,
            Subset = null,
        }.CheckAgainst(Stored, Folder);

    [Fact]
    public void EachDifferingSetting_IsNamedBesideTheCheckpointsValue_InOneError()
    {
        var given = new ResumeRequest
        {
            Config = Stored.Config with { LearningRate = 0.01 },
            Data = "/data/other.npy",
            Output = "/runs/elsewhere",
            CheckpointEvery = 3,
        };

        var error = Assert.Throws<SaeLabException>(() => given.CheckAgainst(Stored, Folder));

        Assert.Equal(
            "--resume continues with the checkpoint's settings, and these options differ from them: --lr 0.01 (checkpoint: 0.001); "
            + "--data /data/other.npy (checkpoint: /data/acts.npy); --out /runs/elsewhere (resuming writes to /runs/sae); "
            + "--checkpoint-every 3 (checkpoint: 5). Drop them, or train afresh into another --out folder",
            error.Message);
    }

    [Fact]
    public void Supervision_CannotBeAddedToAnUnsupervisedRun()
    {
        var error = Assert.Throws<SaeLabException>(() => new ResumeRequest { Supervised = new SupervisedConfig() }.CheckAgainst(Stored, Folder));

        Assert.Contains("--supervised-weight 0.1 --label-key operation_types --split-seed 42 --test-size 0.2 (checkpoint: an unsupervised SAE)", error.Message);
    }

    [Fact]
    public void ASupervisedRun_KeepsItsWeightAndSplit()
    {
        TrainingCheckpointState supervised = Stored with { Supervised = new SupervisedConfig() };
        new ResumeRequest { Supervised = new SupervisedConfig() }.CheckAgainst(supervised, Folder);

        var error = Assert.Throws<SaeLabException>(() => new ResumeRequest { Supervised = new SupervisedConfig { Weight = 0.5 } }.CheckAgainst(supervised, Folder));

        Assert.Contains("--supervised-weight 0.5 --label-key operation_types --split-seed 42 --test-size 0.2 (checkpoint: --supervised-weight 0.1", error.Message);
    }

    [Fact]
    public void TheVectors_WhenGiven_MustBeTheCheckpointsSubset()
    {
        var train = new ProblemSubset(new ProblemSplitConfig(), SplitPart.Train);
        TrainingCheckpointState subset = Stored with { Subset = train };
        new ResumeRequest { SubsetGiven = true, Subset = train }.CheckAgainst(subset, Folder);
        new ResumeRequest { SubsetGiven = false }.CheckAgainst(subset, Folder);

        var error = Assert.Throws<SaeLabException>(() => new ResumeRequest { SubsetGiven = true }.CheckAgainst(subset, Folder));

        Assert.Contains("--vectors all (checkpoint: --vectors train --label-key operation_types --split-seed 42 --test-size 0.2)", error.Message);
    }

    [Fact]
    public void AStreamedRunsChunkRows_FixItsRowOrder()
    {
        TrainingCheckpointState streamed = Stored with { Streaming = new StreamingOrder(16, 64, 0) };
        new ResumeRequest { ChunkRows = 16 }.CheckAgainst(streamed, Folder);

        var error = Assert.Throws<SaeLabException>(() => new ResumeRequest { ChunkRows = 8 }.CheckAgainst(streamed, Folder));

        Assert.Contains("--chunk-rows 8 (checkpoint: 16, which fixed the row order)", error.Message);
    }
}
