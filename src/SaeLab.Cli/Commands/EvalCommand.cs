using System.CommandLine;
using SaeLab.Evaluation;
using SaeLab.Figures;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab eval</c>: maps its flags onto an <see cref="EvaluationJob"/>, runs it, prints its result and draws its figures.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var io = new SaeDataOptions();
        var split = new ProblemSplitFlags("--vectors train|test");
        var heldOut = new HeldOutVectorFlags(
            split, "Which vectors to measure on: all, or those of the probes' training or held-out test problems (as train --supervised-weight and probe split them)");
        var command = new Command("eval", "Measure an SAE's reconstruction (MSE, explained variance, cosine) and sparsity (L0, L1, dead features), with GOOD/FAIR/POOR verdicts.");
        io.AddTo(command);
        var evaluationFlags = new SettingFlags<EvaluationOptions>();
        evaluationFlags.AddTo(command);
        heldOut.AddTo(command);
        split.AddTo(command);
        command.SetAction(parseResult =>
        {
            var job = new EvaluationJob
            {
                Sae = parseResult.GetValue(io.Sae)!,
                Data = parseResult.GetValue(io.Data)!,
                Load = io.Load(parseResult),
                Subset = heldOut.Subset(parseResult),
                Options = evaluationFlags.Read(parseResult, EvaluationOptions.Default),
                Out = parseResult.GetValue(io.Out),
            };
            EvaluationResult result = job.Run();
            return io.Print(parseResult, EvaluationReport.Text(result), (directory, name) => EvaluationFigures.Write(directory, name, result));
        });
        return command;
    }
}
