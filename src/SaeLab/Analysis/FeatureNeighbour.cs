namespace SaeLab.Analysis;

/// <summary>A feature whose decoder direction is close to another's.</summary>
/// <param name="Id">The neighbouring feature.</param>
/// <param name="Cosine">Cosine between the two decoder rows.</param>
public sealed record FeatureNeighbour(int Id, float Cosine);
