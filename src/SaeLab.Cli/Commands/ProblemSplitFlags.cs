using System.CommandLine;
using System.Globalization;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>--label-key</c>, <c>--test-size</c> and <c>--split-seed</c>: the probes' problem split, shared by every flag of a
/// command that uses it (<c>--vectors train|test</c>, <c>--supervised-weight</c>). Defaults stay in <see cref="ProblemSplitConfig"/>.
/// </summary>
internal sealed class ProblemSplitFlags
{
    private static readonly ProblemSplitConfig Defaults = new();

    private readonly Option<string?> _labelKey;
    private readonly Option<double?> _testSize;
    private readonly Option<int?> _splitSeed;

    /// <param name="usedWith">The flags the split applies to, as the help names them (e.g. "--vectors train|test").</param>
    public ProblemSplitFlags(string usedWith)
    {
        UsedWith = usedWith;
        _labelKey = new("--label-key") { Description = $"With {usedWith}: label column the problems' split is stratified by [default: {Defaults.LabelKey}]" };
        _testSize = new("--test-size") { Description = $"With {usedWith}: fraction of problems held out, as the probes hold them out [default: {Defaults.TestSize.ToString(CultureInfo.InvariantCulture)}]" };
        _splitSeed = new("--split-seed") { Description = $"With {usedWith}: seed of the split (scikit-learn's random_state) [default: {Defaults.SplitSeed}]" };
    }

    /// <summary>The flags the split applies to.</summary>
    public string UsedWith { get; }

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_labelKey);
        command.Options.Add(_testSize);
        command.Options.Add(_splitSeed);
    }

    /// <summary>Whether any of the flags was given.</summary>
    public bool AnyGiven(ParseResult parse) =>
        parse.GetValue(_labelKey) is not null || parse.GetValue(_testSize) is not null || parse.GetValue(_splitSeed) is not null;

    /// <summary>Refuses the flags when nothing they apply to was asked for.</summary>
    public void RefuseUnused(ParseResult parse)
    {
        if (AnyGiven(parse))
        {
            throw new SaeLabException($"--label-key, --test-size and --split-seed describe the problems' split of {UsedWith}: add one of those, or drop them");
        }
    }

    /// <summary>The split the flags describe (the defaults for those not given).</summary>
    public ProblemSplitConfig Read(ParseResult parse)
    {
        var split = new ProblemSplitConfig
        {
            LabelKey = parse.GetValue(_labelKey) ?? Defaults.LabelKey,
            TestSize = parse.GetValue(_testSize) ?? Defaults.TestSize,
            SplitSeed = parse.GetValue(_splitSeed) ?? Defaults.SplitSeed,
        };
        split.Validate();
        return split;
    }
}
