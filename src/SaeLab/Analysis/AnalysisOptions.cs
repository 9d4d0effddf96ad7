using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.Settings;
using static SaeLab.Settings.SettingException;

namespace SaeLab.Analysis;

/// <summary>How <see cref="FeatureAnalyzer"/> profiles features.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Metadata column whose values the features are profiled against (any string or integer column).</summary>
    [Setting("--label-key", "Metadata column to profile features against")]
    public string LabelKey { get; init; } = MetadataKeys.DefaultLabel;

    /// <summary>A feature is used by a vector when |z| exceeds this. Must be ≥ 0.</summary>
    [Setting("--threshold", "A feature is used by a vector when |z| exceeds this")]
    public double ActiveThreshold { get; init; } = EvaluationOptions.DefaultActiveThreshold;

    /// <summary>Vectors encoded at a time. Must be ≥ 1.</summary>
    [Setting("--batch-size", "Vectors encoded at a time")]
    public int BatchSize { get; init; } = 1024;

    /// <summary>A feature is label-selective when its label selectivity (largest ÷ average label mean) is at least this. Must be ≥ 1.</summary>
    [Setting("--min-selectivity", "Label selectivity a feature needs to count as label-selective")]
    public double MinSelectivity { get; init; } = 2;

    /// <summary>…and it is used by at least this many vectors (a feature seen on a few vectors is selective by chance). Must be ≥ 1.</summary>
    [Setting("--min-usage", "Vectors a feature must be used by to count as label-selective")]
    public int MinUsage { get; init; } = 10;

    /// <summary>Rows of the top-features table. Must be ≥ 0.</summary>
    [Setting("--top", "Rows in the top-features table (0: none)")]
    public int Top { get; init; } = 20;

    /// <summary>
    /// Top-activating vectors kept per feature. Above 0, every used feature's profile also gets its
    /// <see cref="FeatureProfile.Detail"/> (histogram, quantile bands, decoder neighbours), as the dashboard shows;
    /// 0 (the analyze table's need) keeps none. Must be ≥ 0.
    /// </summary>
    public int Examples { get; init; }

    /// <summary>
    /// Label shuffles for the chance level of the label-selective count (<see cref="LabelPermutationNull"/>); 0 skips it.
    /// Must be ≥ 0; the smallest p-value it can give is 1 ÷ (1 + this).
    /// </summary>
    [Setting("--permutations", "Label shuffles giving the chance level of the label-selective count (0: none)")]
    public int Permutations { get; init; } = 100;

    /// <summary>Seed of the label shuffles.</summary>
    [Setting("--permutation-seed", "Seed of the label shuffles", DefaultText = "0")]
    public int PermutationSeed { get; init; }

    public static AnalysisOptions Default { get; } = new();

    /// <summary>Throws a user error naming the first invalid option.</summary>
    public void Validate()
    {
        EvaluationOptions.ValidateScan(ActiveThreshold, BatchSize);
        Require(!string.IsNullOrEmpty(LabelKey), $"{Named(nameof(LabelKey))} must name a metadata column, got an empty name");
        Require(MinSelectivity >= 1 && !double.IsInfinity(MinSelectivity), $"{Named(nameof(MinSelectivity))} must be a finite number ≥ 1, got {MinSelectivity}");
        Require(MinUsage >= 1, $"{Named(nameof(MinUsage))} must be ≥ 1, got {MinUsage}");
        Require(Top >= 0, $"{Named(nameof(Top))} must be ≥ 0, got {Top}");
        Require(Permutations >= 0, $"{Named(nameof(Permutations))} must be ≥ 0, got {Permutations}");
        if (Examples < 0)
        {
            throw new SaeLabException($"examples per feature must be ≥ 0, got {Examples}");
        }
    }
}
