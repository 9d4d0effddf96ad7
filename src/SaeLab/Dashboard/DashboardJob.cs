using SaeLab.Analysis;
using SaeLab.Data;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Dashboard;

/// <summary>
/// One dashboard from files, as <c>saelab dashboard</c> asks for it: read the problems' texts, load the SAE and the
/// activations (labelled from the worked answers when they lack the label column), and write the site
/// (<see cref="FeatureDashboard"/>) into <see cref="Folder"/>. The CLI maps its flags onto this record and prints the
/// returned <see cref="FeatureAnalysis"/>'s counts.
/// </summary>
public sealed record DashboardJob
{
    /// <summary>The folder the site goes into when no <see cref="Output"/> is given: inside the SAE folder, or beside a checkpoint file.</summary>
    public const string DefaultFolder = "dashboard";

    /// <summary>An SAE folder or checkpoint file, of any layout <see cref="SaeFolder.Load"/> reads.</summary>
    public required string Sae { get; init; }

    /// <summary>The activation file; its vectors must have the SAE's d_in.</summary>
    public required string Data { get; init; }

    /// <summary>How <see cref="Data"/> is read; its <see cref="ActivationLoadOptions.Notify"/> also hears that labels were derived from <see cref="Texts"/>.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>A problems file (<see cref="ProblemTexts"/>) whose questions the cards show; null for none.</summary>
    public string? Texts { get; init; }

    /// <summary>The folder to write the site into (replaced atomically); null for <see cref="DefaultFolder"/> beside the SAE.</summary>
    public string? Output { get; init; }

    /// <summary>The cards' top vectors, the chunking and the analysis.</summary>
    public DashboardOptions Options { get; init; } = DashboardOptions.Default;

    /// <summary>Where the site goes: <see cref="Output"/>, or a <see cref="DefaultFolder"/> folder inside an SAE folder or beside a checkpoint file.</summary>
    public string Folder => Output ?? Path.Combine(Directory.Exists(Sae) ? Sae : Path.GetDirectoryName(Path.GetFullPath(Sae))!, DefaultFolder);

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option.</summary>
    public void Validate() => Options.Validate();

    /// <summary>Analyses the SAE's features on the activations and writes the site into <see cref="Folder"/>; returns the analysis shown.</summary>
    public FeatureAnalysis Run()
    {
        Validate();
        ProblemTexts? texts = Texts is null ? null : ProblemTexts.Read(Texts);
        ISparseAutoencoder sae = SaeFolder.Load(Sae);
        ActivationSet vectors = ActivationLoader.Load(Data, Load);
        if (texts is not null)
        {
            vectors = texts.LabelIfUnlabelled(vectors, Options.Analysis.LabelKey, note => Load.Notify?.Invoke(note));
        }

        return FeatureDashboard.Generate(sae, vectors, texts, Folder, Options, $"{Path.GetFileName(Path.GetFullPath(Sae).TrimEnd('/'))}: {sae.DSae} features");
    }
}
