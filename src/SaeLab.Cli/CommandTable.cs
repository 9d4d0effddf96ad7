using System.CommandLine;
using SaeLab.Cli.Commands;

namespace SaeLab.Cli;

/// <summary>Every <c>saelab</c> subcommand, in the order <c>--help</c> lists them.</summary>
internal static class CommandTable
{
    public static readonly IReadOnlyList<Func<Command>> All =
    [
        DemoCommand.Create,
        RunCommand.Create,
        InfoCommand.Create,
        ConvertCommand.Create,
        ShardCommand.Create,
        LabelOpsCommand.Create,
        TrainCommand.Create,
        EvalCommand.Create,
        EncodeCommand.Create,
        AnalyzeCommand.Create,
        DashboardCommand.Create,
        ProbeCommand.Create,
        CompareCommand.Create,
        RecoveryCommand.Create,
        BenchCommand.Create,
    ];
}
