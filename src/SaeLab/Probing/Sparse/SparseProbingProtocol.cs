namespace SaeLab.Probing.Sparse;

/// <summary>
/// The two k-sparse probing protocols, by the names <c>--k-sparse-protocol</c> and an experiment's <c>protocol:</c>
/// key take: <see cref="Multiclass"/> (<see cref="SparseProber"/>) and <see cref="SaeBench"/> (<see cref="SaeBenchSparseProber"/>).
/// </summary>
public static class SparseProbingProtocol
{
    /// <summary>One multiclass probe on the top k features by their largest one-vs-rest gap.</summary>
    public const string Multiclass = "multiclass";

    /// <summary>SAEBench's: one balanced binary task per class, mean accuracy over tasks.</summary>
    public const string SaeBench = "saebench";

    /// <summary>Every protocol name.</summary>
    public static IReadOnlyList<string> All { get; } = [Multiclass, SaeBench];

    /// <summary>The k probed when none are given: <see cref="SparseProber.DefaultKs"/> or <see cref="SaeBenchProbingConfig.Ks"/>'s default.</summary>
    public static IReadOnlyList<int> DefaultKs(string protocol) => protocol == SaeBench ? new SaeBenchProbingConfig().Ks : SparseProber.DefaultKs;
}
