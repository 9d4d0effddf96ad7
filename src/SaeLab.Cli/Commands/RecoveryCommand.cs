using System.CommandLine;
using SaeLab.GroundTruth;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab recovery</c>: maps its flags onto a <see cref="RecoveryJob"/>, runs it and prints its result.</summary>
internal static class RecoveryCommand
{
    public static Command Create()
    {
        var sae = new Option<string>("--sae") { Description = "SAE folder or checkpoint file (as eval --sae takes)", Required = true };
        var truth = new Option<string>("--truth") { Description = "File with the true directions [F, d_in] (.npy, .npz, .safetensors or .pt)", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the result as JSON" };
        var command = new Command("recovery", "Mean max cosine similarity between an SAE's decoder rows and known true feature directions, and the fraction recovered")
        {
            sae, truth,
        };
        var recoveryFlags = new SettingFlags<RecoveryOptions>();
        recoveryFlags.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var job = new RecoveryJob
            {
                Sae = parse.GetValue(sae)!,
                Truth = parse.GetValue(truth)!,
                Options = recoveryFlags.Read(parse, new RecoveryOptions()),
                Out = parse.GetValue(output),
            };
            parse.InvocationConfiguration.Output.Write(RecoveryReport.Text(job.Run()));
            return 0;
        });
        return command;
    }
}
