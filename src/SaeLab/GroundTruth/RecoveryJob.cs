using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.GroundTruth;

/// <summary>
/// One ground-truth recovery from files, as <c>saelab recovery</c> asks for it: load the SAE and the true directions
/// [F, d_in], measure how well the decoder recovers them (<see cref="GroundTruthRecovery"/>) and write the JSON. The CLI
/// maps its flags onto this record and prints the <see cref="GroundTruthRecoveryResult"/> through <c>RecoveryReport</c>.
/// </summary>
public sealed record RecoveryJob
{
    /// <summary>An SAE folder or checkpoint file, of any layout <see cref="SaeFolder.Load"/> reads.</summary>
    public required string Sae { get; init; }

    /// <summary>A file holding the true directions [F, d_in] in any format the activation loader reads, under <see cref="RecoveryOptions.TruthKey"/>.</summary>
    public required string Truth { get; init; }

    /// <summary>The tensor name of the directions, the threshold and the sign rule.</summary>
    public RecoveryOptions Options { get; init; } = new();

    /// <summary>Where to write the result as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the option out of range.</summary>
    public void Validate() => Options.Validate();

    /// <summary>Compares the SAE's decoder rows with the true directions, which must have its d_in, and writes <see cref="Out"/>.</summary>
    public GroundTruthRecoveryResult Run()
    {
        Validate();
        ISparseAutoencoder sae = SaeFolder.Load(Sae);
        ActivationSet directions = ActivationLoader.Load(Truth, ActivationLoadOptions.Default with { ActivationsKey = Options.TruthKey });
        if (directions.Dim != sae.DIn)
        {
            throw SaeLabException.ForFile(directions.Source, $"true directions have dimension {directions.Dim} but the SAE's d_in is {sae.DIn}", "use the directions of the data the SAE was trained on");
        }

        GroundTruthRecoveryResult result = GroundTruthRecovery.Measure(sae, directions.Values, directions.Count, Options.Threshold, Options.IgnoreSign);
        if (Out is not null)
        {
            JsonFiles.Write(Out, result);
        }

        return result;
    }
}
