using System.CommandLine;
using System.Globalization;
using SaeLab.Data;
using SaeLab.GroundTruth;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab recovery</c>: how well an SAE's decoder recovers a known ground-truth dictionary (synthetic data).</summary>
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
            RecoveryOptions options = recoveryFlags.Read(parse, new RecoveryOptions());
            options.Validate();
            ISparseAutoencoder model = SaeFolder.Load(parse.GetValue(sae)!);
            ActivationSet directions = ActivationLoader.Load(parse.GetValue(truth)!, ActivationLoadOptions.Default with { ActivationsKey = options.TruthKey });
            if (directions.Dim != model.DIn)
            {
                throw SaeLabException.ForFile(directions.Source, $"true directions have dimension {directions.Dim} but the SAE's d_in is {model.DIn}", "use the directions of the data the SAE was trained on");
            }

            GroundTruthRecoveryResult result = GroundTruthRecovery.Measure(model, directions.Values, directions.Count, options.Threshold, options.IgnoreSign);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.TrueFeatures} true features, {result.LearnedFeatures} SAE features: mean max cosine (per true feature) {result.MeanMaxCosineTrue:0.000}, "
                + $"(per SAE feature) {result.MeanMaxCosineLearned:0.000}; recovered (cosine > {result.Threshold}) {result.FractionRecovered:0.000}\n"
                + $"a random dictionary of the same shape: mean max cosine (per true feature) {result.RandomDictionary.MeanMaxCosineTrue:0.000}, "
                + $"(per SAE feature) {result.RandomDictionary.MeanMaxCosineLearned:0.000}; recovered {result.RandomDictionary.FractionRecovered:0.000}"));
            if (parse.GetValue(output) is string outPath)
            {
                JsonFiles.Write(outPath, result);
            }

            return 0;
        });
        return command;
    }
}
