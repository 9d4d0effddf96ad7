using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Evaluation;

/// <summary>
/// One evaluation from files, as <c>saelab eval</c> asks for it: load the SAE and the activations (only the part of the
/// problem split <see cref="Subset"/> names, when set), measure reconstruction and sparsity and write the JSON. The CLI
/// maps its flags onto this record, prints the <see cref="EvaluationResult"/> through <c>EvaluationReport</c> and draws
/// the figures.
/// </summary>
public sealed record EvaluationJob
{
    /// <summary>An SAE folder or checkpoint file, of any layout <see cref="SaeFolder.Load"/> reads.</summary>
    public required string Sae { get; init; }

    /// <summary>The activation file; its vectors must have the SAE's d_in.</summary>
    public required string Data { get; init; }

    /// <summary>How <see cref="Data"/> is read.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>Measure only the vectors of this part of a problem split (the probes' held-out test problems, say); null for every vector.</summary>
    public ProblemSubset? Subset { get; init; }

    /// <summary>The activity threshold, batch size and verdict thresholds.</summary>
    public EvaluationOptions Options { get; init; } = EvaluationOptions.Default;

    /// <summary>Where to write the result as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Options.Validate();
        Subset?.Split.Validate();
    }

    /// <summary>Measures the SAE on the chosen vectors and writes <see cref="Out"/>.</summary>
    public EvaluationResult Run()
    {
        Validate();
        ISparseAutoencoder sae = SaeFolder.Load(Sae);
        ActivationSet data = ActivationLoader.Load(Data, Load);
        EvaluationResult result = ReconstructionEvaluator.Evaluate(sae, Subset is null ? data : Subset.Of(data), Options);
        if (Out is not null)
        {
            JsonFiles.Write(Out, result);
        }

        return result;
    }
}
