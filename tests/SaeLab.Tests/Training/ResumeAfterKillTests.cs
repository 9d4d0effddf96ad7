using System.Diagnostics;
using System.Text.Json.Nodes;
using SaeLab.Data;
using SaeLab.Tests.Cli;
using SaeLab.Training;
using SaeLab.Training.Checkpoints;

namespace SaeLab.Tests.Training;

/// <summary>
/// A real interruption: <c>saelab train</c> runs in a child process that is killed mid-epoch once a checkpoint
/// exists, <c>saelab train --resume</c> finishes it in another, and the weights equal, bit for bit, those of an
/// uninterrupted run with the same seed and thread count.
/// </summary>
public sealed class ResumeAfterKillTests : IDisposable
{
    // 2 000 vectors in batches of 64: 32 batches per epoch, 128 steps; a checkpoint every 7 steps. The sizes make
    // a step take milliseconds, so the run lasts long enough (about a second) to be killed in its second epoch.
    private const int Vectors = 2000;
    private const int BatchesPerEpoch = 32;
    private static readonly string[] TrainOptions =
        ["--features", "1024", "--epochs", "4", "--batch-size", "64", "--seed", "3", "--threads", "1", "--checkpoint-every", "7", "--quiet"];

    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KilledMidEpochThenResumed_EndsWithTheUninterruptedWeights()
    {
        var (data, whole, interrupted) = TrainedWithoutInterruption();

        TrainingCheckpointState killedAt = KillAfterAMidEpochCheckpoint(["train", "--data", data, "--out", interrupted, .. TrainOptions], interrupted);
        Assert.False(File.Exists(Path.Combine(interrupted, "sae_weights.safetensors")));
        Assert.Equal(0, RunToEnd(["train", "--resume", interrupted]));

        Assert.True(killedAt.Steps % BatchesPerEpoch != 0 && killedAt.Steps > BatchesPerEpoch);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sae_weights.safetensors")), File.ReadAllBytes(Path.Combine(interrupted, "sae_weights.safetensors")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "cfg.json")), File.ReadAllText(Path.Combine(interrupted, "cfg.json")));
        Assert.Equal(EpochLosses(whole), EpochLosses(interrupted));
        Assert.False(Directory.Exists(TrainingCheckpoint.FolderIn(interrupted)));
    }

    [Fact]
    public void CtrlC_WritesACheckpointAtTheCurrentStep_AndSaysHowToResume()
    {
        var (data, whole, interrupted) = TrainedWithoutInterruption();

        (int exitCode, string error) = InterruptAfterAMidEpochCheckpoint(["train", "--data", data, "--out", interrupted, .. TrainOptions], interrupted);

        TrainingCheckpointState state = TrainingCheckpoint.ReadState(TrainingCheckpoint.FolderIn(interrupted));
        Assert.Equal(130, exitCode);
        Assert.Contains($"interrupted after step {state.Steps}: checkpoint written to {TrainingCheckpoint.FolderIn(interrupted)}", error);
        Assert.Contains($"resume with: saelab train --resume {interrupted}", error);
        Assert.Equal(0, RunToEnd(["train", "--resume", interrupted]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sae_weights.safetensors")), File.ReadAllBytes(Path.Combine(interrupted, "sae_weights.safetensors")));
        Assert.Equal(EpochLosses(whole), EpochLosses(interrupted));
    }

    // SIGINT, as Ctrl+C sends it, once the run is past its first epoch; returns the exit code and stderr.
    private static (int ExitCode, string Error) InterruptAfterAMidEpochCheckpoint(string[] args, string output)
    {
        string checkpoint = TrainingCheckpoint.FolderIn(output);
        using Process process = CliProcess.Start(args);
        Task<string> error = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (TrainingCheckpoint.Exists(checkpoint) && TrainingCheckpoint.ReadState(checkpoint).Steps > BatchesPerEpoch)
            {
                using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    kill.WaitForExit();
                }

                process.WaitForExit();
                return (process.ExitCode, error.Result);
            }

            Thread.Sleep(1);
        }

        Assert.Fail($"the run ended (exit code {(process.HasExited ? process.ExitCode : -1)}) before it could be interrupted: {error.Result}");
        return default;
    }

    // The data, the folder of an uninterrupted run on it, and the folder the interrupted run is to write.
    private (string Data, string Whole, string Interrupted) TrainedWithoutInterruption()
    {
        string data = Path.Combine(_dir, "data.safetensors");
        ActivationWriter.Write(SaeTrainerTests.Synthetic(count: Vectors, dim: 256, seed: 8), data);
        string whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, RunToEnd(["train", "--data", data, "--out", whole, .. TrainOptions]));
        return (data, whole, Path.Combine(_dir, "interrupted"));
    }

    private static TrainingCheckpointState KillAfterAMidEpochCheckpoint(string[] args, string output)
    {
        string checkpoint = TrainingCheckpoint.FolderIn(output);
        using Process process = CliProcess.Start(args);
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (TrainingCheckpoint.Exists(checkpoint) && TrainingCheckpoint.ReadState(checkpoint).Steps is int steps
                && steps > BatchesPerEpoch && steps % BatchesPerEpoch != 0)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return TrainingCheckpoint.ReadState(checkpoint);
            }

            Thread.Sleep(1);
        }

        Assert.Fail($"the run ended (exit code {(process.HasExited ? process.ExitCode : -1)}) before a mid-epoch checkpoint could be caught: {process.StandardError.ReadToEnd()}");
        return null!;
    }

    private static int RunToEnd(string[] args)
    {
        CliResult result = CliProcess.Run(args);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.ExitCode;
    }

    private static string[] EpochLosses(string output) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(output, TrainedSaeFolder.LogFileName)))!["epochs"]!.AsArray()
            .Select(e => $"{e!["loss"]} {e["l0"]} {e["steps"]} {e["sparse_steps"]}")];
}
