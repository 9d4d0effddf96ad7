using System.CommandLine;
using System.Globalization;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>eval</c>'s <c>--vectors all|train|test</c> with the split it names (<c>--label-key</c>, <c>--test-size</c>,
/// <c>--split-seed</c>): measure on the problems an SAE was not trained on. Defaults stay in <see cref="ProblemSplitConfig"/>.
/// </summary>
internal sealed class HeldOutVectorFlags
{
    private static readonly ProblemSplitConfig Defaults = new();

    private readonly Option<SplitPart?> _vectors = new("--vectors")
    {
        Description = "Which vectors to measure on: all, or those of the probes' training or held-out test problems (as train --supervised-weight and probe split them) [default: all]",
    };

    private readonly Option<string?> _labelKey = new("--label-key") { Description = $"With --vectors train|test: label column the split is stratified by [default: {Defaults.LabelKey}]" };

    private readonly Option<double?> _testSize = new("--test-size") { Description = $"With --vectors train|test: fraction of problems held out [default: {Defaults.TestSize.ToString(CultureInfo.InvariantCulture)}]" };

    private readonly Option<int?> _splitSeed = new("--split-seed") { Description = $"With --vectors train|test: seed of the split (scikit-learn's random_state) [default: {Defaults.SplitSeed}]" };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_vectors);
        command.Options.Add(_labelKey);
        command.Options.Add(_testSize);
        command.Options.Add(_splitSeed);
    }

    /// <summary>The vectors of <paramref name="set"/> the flags choose; the split flags without <c>--vectors train|test</c> are refused.</summary>
    public ActivationSet Select(ParseResult parse, ActivationSet set)
    {
        SplitPart part = parse.GetValue(_vectors) ?? SplitPart.All;
        bool splitFlagGiven = parse.GetValue(_labelKey) is not null || parse.GetValue(_testSize) is not null || parse.GetValue(_splitSeed) is not null;
        if (part == SplitPart.All && splitFlagGiven)
        {
            throw new SaeLabException("--label-key, --test-size and --split-seed describe the split of --vectors train|test: add --vectors test (or train)");
        }

        var split = new ProblemSplitConfig
        {
            LabelKey = parse.GetValue(_labelKey) ?? Defaults.LabelKey,
            TestSize = parse.GetValue(_testSize) ?? Defaults.TestSize,
            SplitSeed = parse.GetValue(_splitSeed) ?? Defaults.SplitSeed,
        };
        return ProblemSplit.Vectors(set, split, part);
    }
}
