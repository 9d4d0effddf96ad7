using System.CommandLine;
using SaeLab.Evaluation;
using SaeLab.Figures;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab eval</c>: reconstruction and sparsity of a trained SAE on an activation file.</summary>
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
            EvaluationOptions options = evaluationFlags.Read(parseResult, EvaluationOptions.Default);
            options.Validate();
            return io.Run(parseResult, (sae, data) => ReconstructionEvaluator.Evaluate(sae, heldOut.Select(parseResult, data), options), EvaluationReport.Text, EvaluationFigures.Write);
        });
        return command;
    }
}
