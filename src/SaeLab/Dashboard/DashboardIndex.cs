using SaeLab.Analysis;

namespace SaeLab.Dashboard;

/// <summary>
/// What the dashboard's index page loads first: the analysis summary and one compact row per used feature
/// (the columns named in <see cref="Columns"/>), so the table opens without loading any feature card.
/// </summary>
/// <param name="Title">Heading of the pages.</param>
/// <param name="Data">Where the activations came from.</param>
/// <param name="Vectors">Number of vectors.</param>
/// <param name="Features">Number of features (d_sae).</param>
/// <param name="Used">Features used by at least one vector: the rows.</param>
/// <param name="Dead">Features used by none.</param>
/// <param name="LabelSelective">Label-selective features.</param>
/// <param name="Options">The analysis options (label column, thresholds).</param>
/// <param name="FeaturesPerChunk">Feature ids per chunk file: feature f's card is in chunk f ÷ this.</param>
/// <param name="HasTexts">Whether problem texts ship with the dashboard.</param>
/// <param name="Dimensions">The analysed dimensions (label, then layers and tokens where recorded) and their values.</param>
/// <param name="Rows">Per used feature, the values of <see cref="Columns"/>.</param>
public sealed record DashboardIndex(
    string Title,
    string Data,
    int Vectors,
    int Features,
    int Used,
    int Dead,
    int LabelSelective,
    AnalysisOptions Options,
    int FeaturesPerChunk,
    bool HasTexts,
    IReadOnlyList<DimensionSummary> Dimensions,
    IReadOnlyList<object?[]> Rows)
{
    /// <summary>The fields of each row, in order; the preferred layer and token are null when the data do not vary them.</summary>
    public IReadOnlyList<string> Columns { get; } = ["id", "usage", "density", "max_activation", "mean_activation", "selectivity", "label", "layer", "token", "label_selective"];

    /// <summary>The index of <paramref name="analysis"/>.</summary>
    public static DashboardIndex Of(FeatureAnalysis analysis, string title, int featuresPerChunk, bool hasTexts)
    {
        object?[][] rows = analysis.Features.Where(f => f.Usage > 0).Select(Row).ToArray();
        return new DashboardIndex(
            title, analysis.Data, analysis.Vectors, analysis.DSae, analysis.UsedFeatures, analysis.DSae - analysis.UsedFeatures,
            analysis.LabelSelectiveFeatures, analysis.Options, featuresPerChunk, hasTexts, analysis.Dimensions, rows);
    }

    private static object?[] Row(FeatureProfile f) =>
        [f.Id, f.Usage, f.Density, f.MaxActivation, f.MeanActivation, f.Label.Selectivity, f.Label.Preferred, f.Layer?.Preferred, f.Token?.Preferred, f.LabelSelective];
}
