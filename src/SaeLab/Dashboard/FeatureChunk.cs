using SaeLab.Analysis;

namespace SaeLab.Dashboard;

/// <summary>The cards of the used features among ids First … First + size − 1: one file the card page loads on demand.</summary>
/// <param name="Index">Chunk number: First ÷ size.</param>
/// <param name="First">First feature id of the range.</param>
/// <param name="Features">The used features of the range, by id, as <see cref="FeatureAnalyzer"/> profiled them.</param>
public sealed record FeatureChunk(int Index, int First, IReadOnlyList<FeatureProfile> Features)
{
    /// <summary>File name of chunk <paramref name="index"/> (in the data folder).</summary>
    public static string FileName(int index) => $"features-{index:D4}.js";

    /// <summary>The chunks of <paramref name="analysis"/>'s features, <paramref name="size"/> ids each; ranges with no used feature get no chunk.</summary>
    public static IEnumerable<FeatureChunk> Split(FeatureAnalysis analysis, int size) =>
        analysis.Features
            .Where(f => f.Usage > 0)
            .GroupBy(f => f.Id / size)
            .Select(g => new FeatureChunk(g.Key, g.Key * size, g.ToArray()));
}
