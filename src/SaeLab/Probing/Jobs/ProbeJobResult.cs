namespace SaeLab.Probing.Jobs;

/// <summary>What a <see cref="ProbeJob"/> measured: exactly the member of its <see cref="Mode"/> is set.</summary>
public sealed record ProbeJobResult(ProbeMode Mode)
{
    public ProbeResult? Single { get; init; }

    public AccuracyGrid? Grid { get; init; }

    public CrossValidationResult? CrossValidated { get; init; }

    public SparseProbeResult? KSparse { get; init; }

    public SaeBenchProbeResult? SaeBench { get; init; }

    public HybridProbeResult? Hybrid { get; init; }

    /// <summary>The result of <see cref="Mode"/>, as its JSON file holds it.</summary>
    public object Value => (object?)Single ?? (object?)Grid ?? (object?)CrossValidated ?? (object?)KSparse ?? (object?)SaeBench ?? Hybrid!;

    /// <summary>The result as text, as <c>saelab probe</c> prints it.</summary>
    public string Text => Mode switch
    {
        ProbeMode.Single => ProbeReports.Single(Single!),
        ProbeMode.Grid => ProbeReports.Grid(Grid!),
        ProbeMode.CrossValidated => ProbeReports.CrossValidation(CrossValidated!),
        ProbeMode.KSparse => ProbeReports.KSparse(KSparse!),
        ProbeMode.SaeBench => ProbeReports.SaeBench(SaeBench!),
        _ => ProbeReports.Hybrid(Hybrid!),
    };
}
