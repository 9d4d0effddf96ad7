using SaeLab.Data;
using SaeLab.Evaluation;

namespace SaeLab.Analysis;

/// <summary>How <see cref="FeatureAnalyzer"/> profiles features.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Metadata column whose values the features are profiled against (any string or integer column).</summary>
    public string LabelKey { get; init; } = MetadataKeys.DefaultLabel;

    /// <summary>A feature is used by a vector when |z| exceeds this. Must be ≥ 0.</summary>
    public double ActiveThreshold { get; init; } = EvaluationOptions.DefaultActiveThreshold;

    /// <summary>Vectors encoded at a time. Must be ≥ 1.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>A feature is label-selective when its label selectivity (largest ÷ average label mean) is at least this. Must be ≥ 1.</summary>
    public double MinSelectivity { get; init; } = 2;

    /// <summary>…and it is used by at least this many vectors (a feature seen on a few vectors is selective by chance). Must be ≥ 1.</summary>
    public int MinUsage { get; init; } = 10;

    /// <summary>Rows of the top-features table. Must be ≥ 0.</summary>
    public int Top { get; init; } = 20;

    /// <summary>
    /// Top-activating vectors kept per feature. Above 0, every used feature's profile also gets its
    /// <see cref="FeatureProfile.Detail"/> (histogram, quantile bands, decoder neighbours), as the dashboard shows;
    /// 0 (the analyze table's need) keeps none. Must be ≥ 0.
    /// </summary>
    public int Examples { get; init; }

    public static AnalysisOptions Default { get; } = new();

    /// <summary>Throws a user error naming the first invalid option.</summary>
    public void Validate()
    {
        EvaluationOptions.ValidateScan(ActiveThreshold, BatchSize);
        if (string.IsNullOrEmpty(LabelKey))
        {
            throw new SaeLabException("label key (--label-key) must name a metadata column, got an empty name");
        }

        if (!(MinSelectivity >= 1) || double.IsInfinity(MinSelectivity))
        {
            throw new SaeLabException($"minimum selectivity (--min-selectivity) must be a finite number ≥ 1, got {MinSelectivity}");
        }

        if (MinUsage < 1)
        {
            throw new SaeLabException($"minimum usage (--min-usage) must be ≥ 1, got {MinUsage}");
        }

        if (Top < 0)
        {
            throw new SaeLabException($"--top must be ≥ 0, got {Top}");
        }

        if (Examples < 0)
        {
            throw new SaeLabException($"examples per feature must be ≥ 0, got {Examples}");
        }
    }
}
