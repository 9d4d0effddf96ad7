using System.CommandLine;
using System.Globalization;
using SaeLab.Data;
using SaeLab.GroundTruth;
using SaeLab.IO;
using SaeLab.Sae;

namespace SaeLab.Cli.Commands;

/// <summary><c>saelab recovery</c>: how well an SAE's decoder recovers a known ground-truth dictionary (synthetic data).</summary>
internal static class RecoveryCommand
{
    /// <summary>Tensor name of the true directions in a safetensors/npz/.pt file unless <c>--truth-key</c> says otherwise.</summary>
    public const string DefaultTruthKey = "true_directions";

    public static Command Create()
    {
        var sae = new Option<string>("--sae") { Description = "SAE folder or checkpoint file (as eval --sae takes)", Required = true };
        var truth = new Option<string>("--truth") { Description = "File with the true directions [F, d_in] (.npy, .npz, .safetensors or .pt)", Required = true };
        var truthKey = new Option<string?>("--truth-key") { Description = $"Tensor name of the true directions in --truth [default: {DefaultTruthKey}]" };
        var threshold = new Option<double?>("--threshold") { Description = $"Best cosine above which a true feature counts as recovered [default: {GroundTruthRecovery.DefaultThreshold}]" };
        var ignoreSign = new Option<bool>("--ignore-sign") { Description = "Use |cosine| (for SAEs whose codes may be negative)" };
        var output = new Option<string?>("--out") { Description = "Write the result as JSON" };
        var command = new Command("recovery", "Mean max cosine similarity between an SAE's decoder rows and known true feature directions, and the fraction recovered")
        {
            sae, truth, truthKey, threshold, ignoreSign, output,
        };
        command.SetAction(parse =>
        {
            ISparseAutoencoder model = SaeCheckpoint.Load(parse.GetValue(sae)!);
            ActivationSet directions = ActivationLoader.Load(
                parse.GetValue(truth)!, ActivationLoadOptions.Default with { ActivationsKey = parse.GetValue(truthKey) ?? DefaultTruthKey });
            if (directions.Dim != model.DIn)
            {
                throw SaeLabException.ForFile(directions.Source, $"true directions have dimension {directions.Dim} but the SAE's d_in is {model.DIn}", "use the directions of the data the SAE was trained on");
            }

            double limit = parse.GetValue(threshold) ?? GroundTruthRecovery.DefaultThreshold;
            if (!(limit > -1 && limit < 1))
            {
                throw new SaeLabException($"--threshold must be a cosine in (-1, 1) (got {limit})");
            }

            GroundTruthRecoveryResult result = GroundTruthRecovery.Measure(model, directions.Values, directions.Count, limit, parse.GetValue(ignoreSign));
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
