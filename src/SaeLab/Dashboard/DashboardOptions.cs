using SaeLab.Analysis;
using SaeLab.Settings;

namespace SaeLab.Dashboard;

/// <summary>How <see cref="FeatureDashboard"/> builds a feature dashboard.</summary>
public sealed record DashboardOptions
{
    /// <summary>Top-activating vectors on each feature card. Must be ≥ 1.</summary>
    [Setting("--top", "Top-activating vectors per feature card")]
    public int Top { get; init; } = 20;

    /// <summary>Feature ids per chunk file (cards are loaded a chunk at a time, when one of them is opened). Must be ≥ 1.</summary>
    public int FeaturesPerChunk { get; init; } = 128;

    /// <summary>How the features are profiled; its <see cref="AnalysisOptions.Examples"/> is set from <see cref="Top"/>.</summary>
    public AnalysisOptions Analysis { get; init; } = AnalysisOptions.Default;

    public static DashboardOptions Default { get; } = new();

    /// <summary>The analysis options with the examples the cards need.</summary>
    public AnalysisOptions AnalysisWithExamples => Analysis with { Examples = Top };

    /// <summary>Throws a user error naming the first invalid option.</summary>
    public void Validate()
    {
        SaeLabException.Require(Top >= 1, $"--top must be ≥ 1 (top-activating vectors per feature card), got {Top}");
        SaeLabException.Require(FeaturesPerChunk >= 1, $"features per chunk must be ≥ 1, got {FeaturesPerChunk}");
        AnalysisWithExamples.Validate();
    }
}
