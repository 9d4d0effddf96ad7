using SaeLab.Probing.Aggregation;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Sparse;

namespace SaeLab.Experiments;

/// <summary>
/// One probe: which features (raw activations or a named SAE's codes) under which aggregation, and which kind:
/// logistic regression on all features (optionally cross-validated), k-sparse probes at several k
/// (<see cref="SparseProber"/>, or SAEBench's protocol, <see cref="SaeBenchSparseProber"/>), or the hybrid of SAE directions and raw magnitudes (<see cref="HybridProber"/>).
/// </summary>
public sealed record ProbeSpec
{
    public const string RawSource = "raw";
    public const string Logistic = "logistic";
    public const string KSparse = "k-sparse";
    public const string Hybrid = "hybrid";

    /// <summary>What <c>kind</c> accepts.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Logistic, KSparse, Hybrid];

    /// <summary>Name used in the report.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>raw</c>, or the name of one of the experiment's SAEs (a split SAE as <c>&lt;name&gt;@layer=8</c>, a sweep point by its name).</summary>
    public string Source { get; init; } = RawSource;

    /// <summary>Aggregation over each problem's vectors: mean, max, concat, layer-mean, token:T@layer:L.</summary>
    public string Aggregate { get; init; } = "mean";

    /// <summary><c>logistic</c> (default), <c>k-sparse</c> or <c>hybrid</c>.</summary>
    public string Kind { get; init; } = Logistic;

    /// <summary>k-sparse only: the k to probe; unset means the protocol's default (<see cref="SparseProbingProtocol.DefaultKs"/>).</summary>
    public int[]? Ks { get; init; }

    /// <summary>
    /// k-sparse only: <c>multiclass</c> (default, <see cref="SparseProber"/>) or <c>saebench</c>
    /// (<see cref="SaeBenchSparseProber"/>: a balanced binary task per class, the protocol SAEBench's scores come from).
    /// </summary>
    public string? Protocol { get; init; }

    /// <summary>k-sparse with <c>protocol: saebench</c> only: seed of the negatives' draw; unset means <see cref="SaeBenchProbingConfig.NegativeSeed"/>'s default.</summary>
    public int? NegativeSeed { get; init; }

    /// <summary>The k-sparse protocol, <see cref="SparseProbingProtocol.Multiclass"/> when unset.</summary>
    public string SparseProtocol => Protocol ?? SparseProbingProtocol.Multiclass;

    /// <summary>Hybrid only: SAE decoder directions (and PCA components, raw dimensions) kept.</summary>
    public int? K { get; init; }

    /// <summary>Logistic only: also cross-validate the probe (repeated stratified k-fold).</summary>
    public CrossValidationConfig? CrossValidation { get; init; }

    public bool IsRaw => Source == RawSource;

    /// <summary>
    /// Checks the probe against the experiment's SAE names (<paramref name="saeNames"/>, including sweep points);
    /// a source <c>&lt;entry&gt;@layer=V</c> of an entry in <paramref name="splitEntries"/> is checked when the data are loaded.
    /// </summary>
    public void Validate(string path, IReadOnlySet<string> saeNames, IReadOnlySet<string> splitEntries)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw SaeLabException.ForFile(path, "probes: every probe needs a name");
        }

        string owner = $"probe '{Name}'";
        string? splitEntry = Source.Contains('@', StringComparison.Ordinal) ? Source[..Source.IndexOf('@', StringComparison.Ordinal)] : null;
        if (!IsRaw && !saeNames.Contains(Source) && (splitEntry is null || !splitEntries.Contains(splitEntry)))
        {
            throw SaeLabException.ForFile(path, $"{owner}: source '{Source}' is neither 'raw' nor one of the saes", $"saes: {string.Join(", ", saeNames.Concat(splitEntries.Select(s => s + "@layer=L or @token=T")))}");
        }

        ValidateAggregate(Aggregate, path, owner);
        if (!Kinds.Contains(Kind))
        {
            throw SaeLabException.ForFile(path, $"{owner}: kind '{Kind}' is not one of {string.Join(", ", Kinds)}");
        }

        RequireOnlyFor(Ks is not null, "ks", KSparse, path);
        RequireOnlyFor(Protocol is not null, "protocol", KSparse, path);
        if (!SparseProbingProtocol.All.Contains(SparseProtocol))
        {
            throw SaeLabException.ForFile(path, $"{owner}: protocol '{Protocol}' is not one of {string.Join(", ", SparseProbingProtocol.All)}");
        }

        if (NegativeSeed is { } seed && (SparseProtocol != SparseProbingProtocol.SaeBench || seed < 0))
        {
            throw SaeLabException.ForFile(path, $"{owner}: 'negative_seed' (≥ 0) applies only to kind: {KSparse} with protocol: {SparseProbingProtocol.SaeBench}");
        }

        RequireOnlyFor(K is not null, "k", Hybrid, path);
        RequireOnlyFor(CrossValidation is not null, "cross_validation", Logistic, path);
        if (Ks is { } ks && (ks.Length == 0 || ks.Any(k => k < 1)))
        {
            throw SaeLabException.ForFile(path, $"{owner}: 'ks' must list whole numbers ≥ 1, e.g. ks: [1, 2, 5, 10]");
        }

        if (Kind == Hybrid && (IsRaw || K is null or < 1))
        {
            throw SaeLabException.ForFile(path, $"{owner}: kind: hybrid needs an SAE 'source' and 'k' ≥ 1 (its SAE directions, PCA components and raw dimensions)");
        }

        if (CrossValidation is { } crossValidation)
        {
            SpecCheck.Named(path, $"{owner}: cross_validation", crossValidation.Validate, "folds ≥ 2, repeats ≥ 1, seed ≥ 0");
        }
    }

    /// <summary>Throws unless <paramref name="aggregate"/> parses (<see cref="AggregationSpec.Parse"/>).</summary>
    internal static void ValidateAggregate(string aggregate, string path, string owner) =>
        SpecCheck.Named(path, $"{owner}: aggregate", () => AggregationSpec.Parse(aggregate));

    private void RequireOnlyFor(bool given, string key, string kind, string path)
    {
        if (given && Kind != kind)
        {
            throw SaeLabException.ForFile(path, $"probe '{Name}': '{key}' applies only to kind: {kind} (this probe is kind: {Kind})");
        }
    }
}
