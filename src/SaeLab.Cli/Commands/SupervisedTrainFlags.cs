using System.CommandLine;
using System.Globalization;
using SaeLab.Training.Supervised;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s supervised flags (<c>--supervised-weight</c>, <c>--label-key</c>, <c>--split-seed</c>, <c>--test-size</c>)
/// for a supervised run (<see cref="SupervisedSaeTrainer"/>); defaults stay in <see cref="SupervisedConfig"/>.
/// </summary>
internal sealed class SupervisedTrainFlags
{
    private static readonly SupervisedConfig Defaults = new();

    private readonly Option<double?> _weight = new("--supervised-weight")
    {
        Description = $"Train a supervised SAE: add this weight × the cross-entropy of a linear head on the codes (the seed suggests {Defaults.Weight.ToString(CultureInfo.InvariantCulture)}); trains on the probes' training problems only",
    };

    private readonly Option<string?> _labelKey = new("--label-key") { Description = $"With --supervised-weight: label column [default: {Defaults.LabelKey}]" };

    private readonly Option<int?> _splitSeed = new("--split-seed") { Description = $"With --supervised-weight: seed of the probes' split, whose test problems are held out [default: {Defaults.SplitSeed}]" };

    private readonly Option<double?> _testSize = new("--test-size") { Description = $"With --supervised-weight: fraction of problems held out, as the probes hold them out [default: {Defaults.TestSize.ToString(CultureInfo.InvariantCulture)}]" };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_weight);
        command.Options.Add(_labelKey);
        command.Options.Add(_splitSeed);
        command.Options.Add(_testSize);
    }

    /// <summary>The supervised settings, or null when <c>--supervised-weight</c> is absent (then the split flags are refused).</summary>
    public SupervisedConfig? Read(ParseResult parse)
    {
        if (parse.GetValue(_weight) is not double weight)
        {
            if (parse.GetValue(_labelKey) is not null || parse.GetValue(_splitSeed) is not null || parse.GetValue(_testSize) is not null)
            {
                throw new SaeLabException("--label-key, --split-seed and --test-size apply to a supervised SAE: add --supervised-weight (e.g. 0.1)");
            }

            return null;
        }

        var config = new SupervisedConfig
        {
            Weight = weight,
            LabelKey = parse.GetValue(_labelKey) ?? Defaults.LabelKey,
            SplitSeed = parse.GetValue(_splitSeed) ?? Defaults.SplitSeed,
            TestSize = parse.GetValue(_testSize) ?? Defaults.TestSize,
        };
        config.Validate();
        return config;
    }

    /// <summary>
    /// On <c>--resume</c>: the supervised flags, when given, must be the checkpoint's <paramref name="stored"/> settings
    /// (a resumed run keeps its own).
    /// </summary>
    public void CheckMatches(ParseResult parse, SupervisedConfig? stored)
    {
        if (Read(parse) is { } requested && requested != stored)
        {
            throw new SaeLabException(stored is null
                ? "the checkpoint is of an unsupervised SAE: --supervised-weight cannot be added on --resume; drop it, or train a supervised SAE from the start"
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"the supervised flags differ from the checkpoint's: drop them, the run resumes with --supervised-weight {stored.Weight} --label-key {stored.LabelKey} --split-seed {stored.SplitSeed} --test-size {stored.TestSize}"));
        }
    }
}
