using SaeLab.Data;
using SaeLab.Settings;

namespace SaeLab.Labels;

/// <summary>How <c>saelab label-ops --attach</c> matches each vector to its problem and names the label column (<see cref="LabelAttacher"/>).</summary>
public sealed record LabelAttachOptions
{
    /// <summary>The activations' metadata column that identifies each vector's problem.</summary>
    [Setting("--match-column", "Activation metadata column that identifies the problem")]
    public string MatchColumn { get; init; } = MetadataKeys.Problems;

    /// <summary>The problems-file field holding the same identifier.</summary>
    [Setting("--match-field", "Problems-file field holding the same identifier")]
    public string MatchField { get; init; } = "problem";

    /// <summary>The string column the labels are added as.</summary>
    [Setting("--label-column", "Name of the label column to add")]
    public string LabelColumn { get; init; } = MetadataKeys.DefaultLabel;
}
