using SaeLab.Synthetic;

namespace SaeLab.Experiments;

/// <summary>The experiment's activations: a file (path relative to the experiment file) or the built-in generator.</summary>
public sealed record ExperimentData
{
    /// <summary>Activation file (.pt, .safetensors, .npy, .npz).</summary>
    public string? Path { get; init; }

    /// <summary>Generator settings, when the data are synthetic (the demo's).</summary>
    public SyntheticSpec? Synthetic { get; init; }

    /// <summary>Metadata column holding the class labels.</summary>
    public string LabelKey { get; init; } = Data.MetadataKeys.DefaultLabel;

    /// <summary>Metadata column holding the problem ids, when it is not <c>problems</c> (<see cref="Data.ActivationLoadOptions.ProblemKey"/>).</summary>
    public string? ProblemKey { get; init; }

    /// <summary>Metadata column holding the layers, when it is not <c>layers</c>.</summary>
    public string? LayerKey { get; init; }

    /// <summary>Metadata column holding the token positions, when it is not <c>tokens</c>.</summary>
    public string? TokenKey { get; init; }

    /// <summary>How the activation file is read: its column names.</summary>
    public Data.ActivationLoadOptions LoadOptions() =>
        Data.ActivationLoadOptions.Default with { ProblemKey = ProblemKey, LayerKey = LayerKey, TokenKey = TokenKey };

    public void Validate(string path)
    {
        if ((Path is null) == (Synthetic is null))
        {
            throw SaeLabException.ForFile(path, "data: give exactly one of 'path' and 'synthetic'");
        }
    }
}

/// <summary>Overrides of <see cref="SyntheticConfig"/>; unset fields keep its defaults (documented there).</summary>
public sealed record SyntheticSpec
{
    public int? Problems { get; init; }

    public int? Dim { get; init; }

    public int? TrueFeatures { get; init; }

    public double? ActivePerVector { get; init; }

    public double? ClassStrength { get; init; }

    public double? MeanPerDim { get; init; }

    public double? SignalPerDim { get; init; }

    public double? RelativeNoise { get; init; }

    public int? Seed { get; init; }

    public SyntheticConfig ToConfig()
    {
        var defaults = new SyntheticConfig();
        return defaults with
        {
            Problems = Problems ?? defaults.Problems,
            Dim = Dim ?? defaults.Dim,
            TrueFeatures = TrueFeatures ?? defaults.TrueFeatures,
            ActivePerVector = ActivePerVector ?? defaults.ActivePerVector,
            ClassStrength = ClassStrength ?? defaults.ClassStrength,
            MeanPerDim = MeanPerDim ?? defaults.MeanPerDim,
            SignalPerDim = SignalPerDim ?? defaults.SignalPerDim,
            RelativeNoise = RelativeNoise ?? defaults.RelativeNoise,
            Seed = Seed ?? defaults.Seed,
        };
    }
}
