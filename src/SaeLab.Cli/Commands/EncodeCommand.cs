using System.CommandLine;
using System.Globalization;
using SaeLab.Codes;
using SaeLab.Evaluation;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab encode</c>: maps its flags onto an <see cref="EncodeJob"/>, runs it and prints how sparse the codes it wrote are.</summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var sae = new Option<string>("--sae") { Description = "SAE folder or checkpoint file (as eval --sae takes)", Required = true };
        var data = new Option<string>("--data") { Description = ActivationLoadFlags.DataDescription, Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Codes file: .npy (dense), .npz (dense, or sparse as scipy.sparse.save_npz writes it) or .safetensors (dense, or sparse CSR)",
            Required = true,
        };
        var layout = new Option<CodeLayout?>("--layout") { Description = "dense: one [N, m] array; sparse: compressed sparse rows (values, indices, indptr) [default: dense]" };
        var loadFlags = new ActivationLoadFlags();
        var command = new Command("encode", "Write an SAE's codes for every vector of an activation file (dense or sparse; .npy, .npz or .safetensors), with the vectors' metadata beside them.");
        foreach (Option option in new Option[] { sae, data, output, layout })
        {
            command.Options.Add(option);
        }

        var batchFlags = new SettingFlags<EvaluationOptions>(only: [nameof(EvaluationOptions.BatchSize)]);
        batchFlags.AddTo(command);

        loadFlags.AddTo(command);
        command.SetAction(parse =>
        {
            var job = new EncodeJob
            {
                Sae = parse.GetValue(sae)!,
                Data = parse.GetValue(data)!,
                Output = parse.GetValue(output)!,
                Load = loadFlags.Read(parse),
                Options = batchFlags.Read(parse, EvaluationOptions.Default),
            };
            if (parse.GetValue(layout) is CodeLayout chosen)
            {
                job = job with { Layout = chosen };
            }

            SparseCodes codes = job.Run();
            parse.InvocationConfiguration.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"encoded {codes.Rows} vectors into {codes.Features} features: {codes.NonZeros} non-zero codes (L0 {(double)codes.NonZeros / codes.Rows:0.0} per vector); wrote {job.Output}"));
            return 0;
        });
        return command;
    }
}
