using System.Text.Json.Serialization;

namespace SaeLab.Analysis;

/// <summary>What <see cref="FeatureAnalyzer.Analyze"/> finds; serialises (without the all-features list) as the analyze JSON.</summary>
public sealed record FeatureAnalysis
{
    /// <summary>Where the activations came from.</summary>
    public required string Data { get; init; }

    /// <summary>Number of vectors.</summary>
    public required int Vectors { get; init; }

    /// <summary>Number of features.</summary>
    public required int DSae { get; init; }

    /// <summary>The options the analysis ran with.</summary>
    public required AnalysisOptions Options { get; init; }

    /// <summary>Features used by at least one vector.</summary>
    public required int UsedFeatures { get; init; }

    /// <summary>Features with label selectivity ≥ MinSelectivity used by ≥ MinUsage vectors.</summary>
    public required int LabelSelectiveFeatures { get; init; }

    /// <summary>How many label-selective features shuffled labels give; null when <see cref="AnalysisOptions.Permutations"/> is 0.</summary>
    public LabelPermutationNull? LabelSelectiveNull { get; init; }

    /// <summary>The analysed dimensions: the label first, then layers and tokens where the data records them.</summary>
    public required IReadOnlyList<DimensionSummary> Dimensions { get; init; }

    /// <summary>Preferred (layer, token) cells of the label-selective features; null when the data has fewer than two cells.</summary>
    public required PositionEnrichment? Position { get; init; }

    /// <summary>Analyses skipped and why (a missing or single-valued layers/tokens column).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The Top used features (usage ≥ 1) with the highest label selectivity, then the highest usage, then the lowest id.</summary>
    public required IReadOnlyList<FeatureProfile> TopFeatures { get; init; }

    /// <summary>Every feature's profile, indexed by id.</summary>
    [JsonIgnore]
    public IReadOnlyList<FeatureProfile> Features { get; init; } = [];
}
