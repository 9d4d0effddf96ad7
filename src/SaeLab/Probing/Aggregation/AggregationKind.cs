namespace SaeLab.Probing.Aggregation;

/// <summary>How a problem's vectors (tokens × layers) become one probe sample.</summary>
public enum AggregationKind
{
    /// <summary>Mean over all of the problem's vectors.</summary>
    Mean,

    /// <summary>The single vector at one token position and layer.</summary>
    Token,

    /// <summary>All vectors concatenated, ordered by layer then token.</summary>
    Concat,

    /// <summary>Per layer the mean over tokens, layers concatenated in ascending order.</summary>
    LayerMean,

    /// <summary>Elementwise maximum over all of the problem's vectors.</summary>
    Max,
}
