using System.CommandLine;
using SaeLab.Training.Supervised;

namespace SaeLab.Cli.Commands;

/// <summary>
/// <c>train</c>'s <c>--supervised-weight</c>, with the split <paramref name="split"/>'s flags describe, for a supervised
/// run (<see cref="SupervisedSaeTrainer"/>); defaults stay in <see cref="SupervisedConfig"/>.
/// </summary>
internal sealed class SupervisedTrainFlags(ProblemSplitFlags split)
{
    private readonly SettingFlags<SupervisedConfig> _flags = new();

    /// <summary>Adds <c>--supervised-weight</c> to <paramref name="command"/> (the split's flags are added by their owner).</summary>
    public void AddTo(Command command) => _flags.AddTo(command);

    /// <summary>The supervised settings, or null when <c>--supervised-weight</c> is absent.</summary>
    public SupervisedConfig? Read(ParseResult parse)
    {
        if (!_flags.AnyGiven(parse))
        {
            return null;
        }

        SupervisedConfig config = _flags.Read(parse, new SupervisedConfig()).SplitAs(split.Read(parse));
        config.Validate();
        return config;
    }
}
