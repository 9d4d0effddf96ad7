namespace SaeLab.Probing.Jobs;

/// <summary>What a <see cref="ProbeJob"/> measured: the result of its <see cref="Mode"/>, as its JSON file holds it.</summary>
public sealed record ProbeJobResult(ProbeMode Mode, object Value)
{
    public ProbeResult? Single => Value as ProbeResult;

    public AccuracyGrid? Grid => Value as AccuracyGrid;

    public CrossValidationResult? CrossValidated => Value as CrossValidationResult;

    /// <summary>The result as text, as <c>saelab probe</c> prints it.</summary>
    public string Text => Value switch
    {
        ProbeResult single => ProbeReports.Single(single),
        AccuracyGrid grid => ProbeReports.Grid(grid),
        CrossValidationResult cv => ProbeReports.CrossValidation(cv),
        SparseProbeResult sparse => ProbeReports.KSparse(sparse),
        SaeBenchProbeResult saeBench => ProbeReports.SaeBench(saeBench),
        HybridProbeResult hybrid => ProbeReports.Hybrid(hybrid),
        _ => throw new InvalidOperationException($"no text for a {Value.GetType().Name}"),
    };
}
