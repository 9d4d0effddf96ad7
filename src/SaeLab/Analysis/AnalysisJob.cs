using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Analysis;

/// <summary>
/// One feature analysis from files, as <c>saelab analyze</c> asks for it: load the SAE and the activations, profile every
/// feature (<see cref="FeatureAnalyzer"/>) and write the JSON. The CLI maps its flags onto this record, prints the
/// <see cref="FeatureAnalysis"/> through <c>AnalysisReport</c> and draws the figures.
/// </summary>
public sealed record AnalysisJob
{
    /// <summary>An SAE folder or checkpoint file, of any layout <see cref="SaeFolder.Load"/> reads.</summary>
    public required string Sae { get; init; }

    /// <summary>The activation file, with the <see cref="AnalysisOptions.LabelKey"/> column (and layer and token columns where present).</summary>
    public required string Data { get; init; }

    /// <summary>How <see cref="Data"/> is read.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>The label column, thresholds, table size and permutation null.</summary>
    public AnalysisOptions Options { get; init; } = AnalysisOptions.Default;

    /// <summary>Where to write the analysis as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option.</summary>
    public void Validate() => Options.Validate();

    /// <summary>Profiles the SAE's features on the activations and writes <see cref="Out"/>.</summary>
    public FeatureAnalysis Run()
    {
        Validate();
        ISparseAutoencoder sae = SaeFolder.Load(Sae);
        FeatureAnalysis analysis = FeatureAnalyzer.Analyze(sae, ActivationLoader.Load(Data, Load), Options);
        if (Out is not null)
        {
            JsonFiles.Write(Out, analysis);
        }

        return analysis;
    }
}
