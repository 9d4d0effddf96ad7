using System.CommandLine;
using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Reports;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab info FILE [--json]</c>: format, shapes, metadata columns, labels and info dict of an activation file.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Activation file: .pt (torch.save), .safetensors, .npy or .npz" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var flags = new ActivationLoadFlags();
        var command = new Command("info", "Describe an activation file: format, tensors, metadata columns, label distribution, info dict")
        {
            file,
            json,
        };
        flags.AddTo(command);
        command.SetAction(parse =>
        {
            ActivationFile loaded = ActivationLoader.Open(parse.GetValue(file)!, flags.Read(parse));
            ActivationFileSummary summary = ActivationFileSummary.Of(loaded);
            TextWriter console = parse.InvocationConfiguration.Output;
            console.Write(parse.GetValue(json) ? JsonFiles.Serialize(summary) + "\n" : ActivationFileReport.Text(summary));
            return 0;
        });
        return command;
    }
}
