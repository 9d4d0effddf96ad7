namespace SaeLab.Tests.Cli;

/// <summary>Parse errors read like every other error: one "error:" line, a hint, exit 2, no help dump, no .NET names.</summary>
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("train --epocs 3", "error: unknown option '--epocs' for saelab train; did you mean '--epochs'?")]
    [InlineData("train --zzz", "error: unknown option '--zzz' for saelab train. 'saelab train --help' lists its options")]
    [InlineData("trian", "error: unknown command 'trian'; did you mean 'train'?")]
    [InlineData("train --epochs abc", "error: --epochs takes a whole number (got 'abc')")]
    [InlineData("train --lr fast", "error: --lr takes a number (e.g. 0.001 or 1e-3) (got 'fast')")]
    [InlineData("train --lr", "error: --lr needs a value. 'saelab train --help' lists its options")]
    [InlineData("eval --sae x", "error: saelab eval needs --data. 'saelab eval --help' lists its options")]
    [InlineData("compare", "error: saelab compare needs argument <a>.")]
    [InlineData("convert --format npy", "error: --format takes one of npz, safetensors (got 'npy'); did you mean 'npz'?")]
    [InlineData("compare a.json b.json --method chisqare", "error: --method takes one of auto, exact, chisquare (got 'chisqare'); did you mean 'chisquare'?")]
    [InlineData("train --data a b", "error: unexpected argument 'b' for saelab train: options take the form --name value.")]
    [InlineData("", "error: no command given. 'saelab --help' lists the commands")]
    public void ParseErrors_GetOneErrorLine_AndExitTwo(string commandLine, string expected)
    {
        CliResult result = CliRunner.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line);
        Assert.DoesNotContain("System.", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void HelpWithAMistake_StillShowsHelp()
    {
        CliResult result = CliRunner.Run("train", "--epocs", "--help");

        Assert.Contains("Usage:", result.Output);
    }

    [Fact]
    public void ALibraryChoiceError_SuggestsTheNearestName()
    {
        CliResult result = CliRunner.Run("train", "--data", "x.npy", "--out", "y", "--features", "8", "--arch", "tpok");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("got 'tpok'; did you mean 'topk'?", result.Error);
    }
}
