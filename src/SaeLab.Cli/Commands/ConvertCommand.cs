using System.CommandLine;
using SaeLab.Data;
using SaeLab.Formats;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab convert IN OUT [--format] [--dtype]</c>: maps its flags onto a <see cref="ConvertJob"/>, runs it and prints what it wrote.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Activation file: .pt (torch.save), .safetensors, .npy or .npz" };
        var output = new Argument<string>("output") { Description = "Output file; its extension picks the format unless --format is given" };
        var format = new Option<string?>("--format") { Description = "Output format, instead of the output's extension" };
        format.AcceptOnlyFromAmong("safetensors", "npz");
        var dtype = new Option<string?>("--dtype") { Description = "Element type of the written activations: f32, f16 or bf16 (rounded to nearest even) [default: f32]" };
        dtype.AcceptOnlyFromAmong([.. FloatEncoding.ShortNames]);
        var flags = new ActivationLoadFlags();
        var command = new Command("convert", "Convert an activation file (with its metadata columns and info dict) to safetensors or .npz")
        {
            input,
            output,
            format,
            dtype,
        };
        flags.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new ConvertJob
            {
                Input = parse.GetValue(input)!,
                Output = parse.GetValue(output)!,
                Load = flags.Read(parse),
                Format = parse.GetValue(format) is string formatName ? ActivationWriter.FormatFromName(formatName) : null,
                ElementType = parse.GetValue(dtype) is string name ? FloatEncoding.Parse(name, "--dtype") : null,
            };
            ActivationSet converted = job.Run().Set;
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {job.Output}: {converted.Count} x {converted.Dim}, columns: {string.Join(", ", converted.Columns.Select(c => c.Name))}");
            return 0;
        });
        return command;
    }
}
