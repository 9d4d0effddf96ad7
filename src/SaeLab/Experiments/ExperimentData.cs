using SaeLab.Data;
using SaeLab.Synthetic;

namespace SaeLab.Experiments;

/// <summary>The experiment's activations: a file (path relative to the experiment file) or the built-in generator.</summary>
public sealed record ExperimentData
{
    /// <summary>Activation file (.pt, .safetensors, .npy, .npz).</summary>
    public string? Path { get; init; }

    /// <summary>The generator's settings, when the data are synthetic (the demo's); its keys are its properties.</summary>
    public SyntheticConfig? Synthetic { get; init; }

    /// <summary>Metadata column holding the class labels.</summary>
    public string LabelKey { get; init; } = MetadataKeys.DefaultLabel;

    /// <summary>
    /// How the activation file is read. The file gives its position columns' names, beside <c>path</c>
    /// (<c>problem_key</c>, <c>layer_key</c>, <c>token_key</c>); the other options keep their defaults.
    /// </summary>
    public ActivationLoadOptions LoadOptions { get; init; } = ActivationLoadOptions.Default;

    public void Validate(string path)
    {
        if ((Path is null) == (Synthetic is null))
        {
            throw SaeLabException.ForFile(path, "data: give exactly one of 'path' and 'synthetic'");
        }

        if (Synthetic is { } synthetic)
        {
            SpecCheck.Named(path, "data", synthetic.Validate);
        }
    }
}
