using System.CommandLine;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>--vectors all|train|test</c>, with the split <paramref name="split"/>'s flags describe: measure an SAE on the problems
/// it was not trained on (<c>eval</c>), or train it on the training problems only (<c>train</c>).
/// </summary>
internal sealed class HeldOutVectorFlags(ProblemSplitFlags split, string description)
{
    private readonly Option<SplitPart?> _vectors = new("--vectors") { Description = description + " [default: all]" };

    /// <summary>Adds <c>--vectors</c> to <paramref name="command"/> (the split's flags are added by their owner).</summary>
    public void AddTo(Command command) => command.Options.Add(_vectors);

    /// <summary>Whether <c>--vectors</c> was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_vectors) is not null;

    /// <summary>The part of the split the flags choose; null for all vectors.</summary>
    public ProblemSubset? Read(ParseResult parse) =>
        parse.GetValue(_vectors) is SplitPart part and not SplitPart.All ? new ProblemSubset(split.Read(parse), part) : null;

    /// <summary>The part of the split the flags choose, as <see cref="Read"/>; the split's flags without <c>--vectors train|test</c> are refused.</summary>
    public ProblemSubset? Subset(ParseResult parse)
    {
        ProblemSubset? subset = Read(parse);
        if (subset is null)
        {
            split.RefuseUnused(parse);
        }

        return subset;
    }
}
