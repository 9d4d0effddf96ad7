using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Experiments;

/// <summary>
/// Loaded SAEs (<c>load:</c> entries): read and checked against the data before anything trains, then evaluated,
/// analysed, measured against the ground truth and offered to the probes as a trained SAE is.
/// </summary>
public sealed partial class ExperimentRunner
{
    /// <summary>The file of a loaded SAE's folder recording where the SAE came from (the SAE itself is not copied).</summary>
    public const string LoadedFromFileName = "loaded_from.json";

    /// <summary>
    /// Reads every <c>load:</c> entry's SAE, by name, and checks its d_in against <paramref name="data"/>, so a wrong
    /// file fails before the other entries spend their training time.
    /// </summary>
    private Dictionary<string, ISparseAutoencoder> LoadSaes(ActivationSet data) =>
        _config.Saes.Where(spec => spec.Load is not null)
            .ToDictionary(spec => spec.Name, spec => Stage($"load {spec.Name}", () => LoadSae(spec, data)), StringComparer.Ordinal);

    private ISparseAutoencoder LoadSae(SaeSpec spec, ActivationSet data)
    {
        string owner = $"sae '{spec.Name}'";
        string path = spec.LoadPath(_experimentPath)!;
        ISparseAutoencoder sae = SpecCheck.Named(_experimentPath, owner, () => SaeFolder.Load(path));
        if (sae.DIn != data.Dim)
        {
            throw SaeLabException.ForFile(
                _experimentPath,
                $"{owner}: {path} has d_in {sae.DIn}, but the data ({data.Source}) have {data.Dim} dimensions",
                "load an SAE trained on these activations (the same model and hookpoint)");
        }

        return sae;
    }

    /// <summary>
    /// Evaluates and analyses the loaded <paramref name="sae"/> on <paramref name="spec"/>'s vectors, writing
    /// <c>loaded_from.json</c>, <c>evaluation.json</c> and <c>analysis.json</c> into <c>saes/&lt;name&gt;</c>, and
    /// registers it as a probe source.
    /// </summary>
    private SaeOutcome EvaluateAnalyzeLoaded(SaeSpec spec, ISparseAutoencoder sae, ActivationSet data)
    {
        ActivationSet vectors = spec.Subset.Take(data);
        string folder = Path.Combine(SaesFolder, spec.Name);
        string folderPath = Path.Combine(_outputDirectory, folder);
        string loadedFrom = spec.LoadPath(_experimentPath)!;
        JsonFiles.Write(Path.Combine(folderPath, LoadedFromFileName), new LoadedSae(loadedFrom, sae.Architecture, sae.DIn, sae.DSae));
        EvaluationResult evaluation = Evaluate(spec.Name, sae, vectors, folderPath);
        _sources[spec.Name] = new ProbeSource(vectors, [sae], []);
        SaeReview review = Review(spec.Name, sae, folder, vectors);
        return new SaeOutcome(
            spec.Name, Config: null, sae.DSae, TrainingSeconds: null, Epochs: [], evaluation.Metrics, evaluation.Verdict, review.Analysis, review.Recovery, folder)
        {
            Architecture = sae.Architecture,
            Subset = spec.Subset.IsAll ? null : spec.Subset,
            LoadedFrom = loadedFrom,
            Dashboard = review.Dashboard,
        };
    }

    /// <summary>What <c>loaded_from.json</c> holds: the SAE's resolved path and what was read there.</summary>
    private sealed record LoadedSae(string LoadedFrom, string Architecture, int DIn, int DSae);
}
