using SaeLab.Probing;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Jobs;
using SaeLab.Probing.Sparse;

namespace SaeLab.Reports;

/// <summary>A probe job's result as text, as <c>saelab probe</c> prints it: the renderer of its mode's result.</summary>
public static class ProbeJobReport
{
    public static string Text(ProbeJobResult result) => result.Value switch
    {
        ProbeResult single => ProbeReport.Text(single),
        AccuracyGrid grid => AccuracyGridReport.Text(grid),
        CrossValidationResult cv => ProbeReport.Text(cv),
        SparseProbeResult sparse => ProbeReport.Text(sparse),
        SaeBenchProbeResult saeBench => ProbeReport.Text(saeBench),
        HybridProbeResult hybrid => ProbeReport.Text(hybrid),
        _ => throw new InvalidOperationException($"no text for a {result.Value.GetType().Name}"),
    };
}
