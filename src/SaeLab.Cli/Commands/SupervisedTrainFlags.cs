using System.CommandLine;
using System.Globalization;
using SaeLab.Data;
using SaeLab.Training.Supervised;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s <c>--supervised-weight</c>, with the split <paramref name="split"/>'s flags describe, for a supervised
/// run (<see cref="SupervisedSaeTrainer"/>); defaults stay in <see cref="SupervisedConfig"/>.
/// </summary>
internal sealed class SupervisedTrainFlags(ProblemSplitFlags split)
{
    private static readonly SupervisedConfig Defaults = new();

    private readonly Option<double?> _weight = new("--supervised-weight")
    {
        Description = $"Train a supervised SAE: add this weight × the cross-entropy of a linear head on the codes (the seed suggests {Defaults.Weight.ToString(CultureInfo.InvariantCulture)}); trains on the probes' training problems only",
    };

    /// <summary>Adds <c>--supervised-weight</c> to <paramref name="command"/> (the split's flags are added by their owner).</summary>
    public void AddTo(Command command) => command.Options.Add(_weight);

    /// <summary>The supervised settings, or null when <c>--supervised-weight</c> is absent.</summary>
    public SupervisedConfig? Read(ParseResult parse)
    {
        if (parse.GetValue(_weight) is not double weight)
        {
            return null;
        }

        ProblemSplitConfig problems = split.Read(parse);
        var config = new SupervisedConfig { Weight = weight, LabelKey = problems.LabelKey, SplitSeed = problems.SplitSeed, TestSize = problems.TestSize };
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
