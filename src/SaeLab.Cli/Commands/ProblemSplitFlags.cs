using System.CommandLine;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>--label-key</c>, <c>--test-size</c> and <c>--split-seed</c>, declared on <see cref="ProblemSplitConfig"/>: the probes'
/// problem split, shared by every flag of a command that uses it (<c>--vectors train|test</c>, <c>--supervised-weight</c>).
/// </summary>
/// <param name="usedWith">The flags the split applies to, as the help names them (e.g. "--vectors train|test").</param>
internal sealed class ProblemSplitFlags(string usedWith)
{
    private readonly SettingFlags<ProblemSplitConfig> _flags = new(usedWith);

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => _flags.AddTo(command);

    /// <summary>Refuses the flags when nothing they apply to was asked for.</summary>
    public void RefuseUnused(ParseResult parse)
    {
        if (_flags.AnyGiven(parse))
        {
            throw new SaeLabException($"--label-key, --test-size and --split-seed describe the problems' split of {usedWith}: add one of those, or drop them");
        }
    }

    /// <summary>The split the flags describe (the defaults for those not given).</summary>
    public ProblemSplitConfig Read(ParseResult parse)
    {
        ProblemSplitConfig split = _flags.Read(parse, new ProblemSplitConfig());
        split.Validate();
        return split;
    }
}
