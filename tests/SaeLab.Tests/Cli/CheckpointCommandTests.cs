using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;
using SaeLab.Tests.Interop;

namespace SaeLab.Tests.Cli;

/// <summary>Commands that take <c>--sae</c> accept the checkpoints researchers already have, not only SAELens folders.</summary>
public sealed class CheckpointCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saelab-checkpoint-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("seed/sae_weights.pt")]
    [InlineData("seed")]
    [InlineData("dictionary_learning/batchtopk")]
    public void Eval_TakesTheCheckpoint(string sae)
    {
        CliResult run = CliRunner.Run("eval", "--sae", CheckpointInteropTests.FixturePath(sae), "--data", WriteActivations());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Reconstruction:", run.Output);
    }

    [Fact]
    public void Eval_WithAMissingCheckpoint_ExitsWithCodeTwoAndNamesIt()
    {
        string missing = Path.Combine(_dir, "sae_weights.pt");

        CliResult run = CliRunner.Run("eval", "--sae", missing, "--data", WriteActivations());

        Assert.Equal(SaeLab.Cli.SaeLabCli.InputErrorExitCode, run.ExitCode);
        Assert.Contains(missing, run.Error);
    }

    /// <summary>64 random 6-d activation vectors (the fixtures' d_in) as a safetensors file.</summary>
    private string WriteActivations()
    {
        var random = new Random(7);
        float[] values = Enumerable.Range(0, 64 * 6).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        string path = Path.Combine(_dir, "acts.safetensors");
        SafeTensorsFile.Write(path, [new("activations", HostTensor.FromFloat32(values, 64, 6))]);
        return path;
    }
}
