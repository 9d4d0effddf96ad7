using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Codes;

/// <summary>
/// One encoding from files, as <c>saelab encode</c> asks for it: load the SAE and the activations, encode every vector
/// and write the codes with the vectors' metadata (<see cref="CodeFile"/>). The CLI maps its flags onto this record and
/// prints how sparse the returned <see cref="SparseCodes"/> are.
/// </summary>
public sealed record EncodeJob
{
    /// <summary>An SAE folder or checkpoint file, of any layout <see cref="SaeFolder.Load"/> reads.</summary>
    public required string Sae { get; init; }

    /// <summary>The activation file; its vectors must have the SAE's d_in.</summary>
    public required string Data { get; init; }

    /// <summary>The codes file: .npy, .npz or .safetensors (<see cref="CodeFile.Write"/>).</summary>
    public required string Output { get; init; }

    /// <summary>How <see cref="Data"/> is read.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>Dense (the default) or sparse codes; a .npy takes dense only.</summary>
    public CodeLayout Layout { get; init; }

    /// <summary>Only its <see cref="EvaluationOptions.BatchSize"/>, the vectors encoded at a time, applies.</summary>
    public EvaluationOptions Options { get; init; } = EvaluationOptions.Default;

    /// <summary>Throws a <see cref="SaeLabException"/> naming the invalid option, or an output that cannot hold the layout.</summary>
    public void Validate()
    {
        Options.Validate();
        CodeFile.RequireFormat(Output, Layout);
    }

    /// <summary>Encodes every vector and writes <see cref="Output"/>.</summary>
    public SparseCodes Run()
    {
        Validate();
        ISparseAutoencoder sae = SaeFolder.Load(Sae);
        ActivationSet set = ActivationLoader.Load(Data, Load);
        SparseCodes codes = SparseCodes.Encode(sae, set, Options.BatchSize);
        CodeFile.Write(Output, codes, [.. set.Columns], Layout);
        return codes;
    }
}
