using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Grid;

namespace SaeLab.Probing.Jobs;

/// <summary>
/// What a <see cref="ProbeJob"/> measured: the result of its <see cref="Mode"/>, as its JSON file holds it. It holds
/// results only: <c>ProbeJobReport</c> (in the Reports layer, above this one) renders them as <c>saelab probe</c> prints them.
/// </summary>
public sealed record ProbeJobResult(ProbeMode Mode, object Value)
{
    public ProbeResult? Single => Value as ProbeResult;

    public AccuracyGrid? Grid => Value as AccuracyGrid;

    public CrossValidationResult? CrossValidated => Value as CrossValidationResult;
}
