using System.CommandLine;
using System.Globalization;
using SaeLab.Codes;
using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab encode</c>: an SAE's codes for an activation file, written where Python reads them.</summary>
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
            ISparseAutoencoder autoencoder = SaeFolder.Load(parse.GetValue(sae)!);
            ActivationSet set = ActivationLoader.Load(parse.GetValue(data)!, loadFlags.Read(parse));
            EvaluationOptions options = batchFlags.Read(parse, EvaluationOptions.Default);
            options.Validate();
            SparseCodes codes = SparseCodes.Encode(autoencoder, set, options.BatchSize);
            string path = parse.GetValue(output)!;
            CodeFile.Write(path, codes, [.. set.Columns], parse.GetValue(layout) ?? CodeLayout.Dense);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"encoded {codes.Rows} vectors into {codes.Features} features: {codes.NonZeros} non-zero codes (L0 {(double)codes.NonZeros / codes.Rows:0.0} per vector); wrote {path}"));
            return 0;
        });
        return command;
    }
}
