namespace SaeLab.Sae;

/// <summary>
/// The architectures SaeLab can load, keyed by the <c>architecture</c> name SAELens writes in cfg.json. A new
/// architecture registers here with one line: its name and its <c>FromWeights</c> loader.
/// </summary>
public static class SaeArchitectures
{
    private static readonly Dictionary<string, Func<SaeWeights, DictionarySae>> Loaders = new(StringComparer.Ordinal)
    {
        [ReluSae.ArchitectureName] = ReluSae.FromWeights,
        [JumpReluSae.ArchitectureName] = JumpReluSae.FromWeights,
        [GatedSae.ArchitectureName] = GatedSae.FromWeights,
        [TopKSae.ArchitectureName] = TopKSae.FromWeights,
    };

    /// <summary>The registered architecture names.</summary>
    public static IReadOnlyCollection<string> Names => Loaders.Keys;

    /// <summary>Builds the SAE <paramref name="weights"/> describe; an unknown architecture is a user error naming the known ones.</summary>
    public static DictionarySae Load(SaeWeights weights) =>
        Loaders.TryGetValue(weights.Config.Architecture, out var load)
            ? load(weights)
            : throw SaeLabException.ForFile(
                weights.ConfigPath,
                $"unknown architecture '{weights.Config.Architecture}'",
                $"supported: {string.Join(", ", Names)}");
}
