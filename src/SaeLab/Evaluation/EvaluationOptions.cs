using SaeLab.Settings;

namespace SaeLab.Evaluation;

/// <summary>How <see cref="ReconstructionEvaluator"/> measures an SAE.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The seed's activity threshold: a feature is active on a vector when |z| &gt; 1e-3.</summary>
    public const double DefaultActiveThreshold = 1e-3;

    /// <summary>A feature is active on a vector when |z| exceeds this (L0, usage, dead features). Must be ≥ 0.</summary>
    [Setting("--threshold", "A feature is active on a vector when |z| exceeds this")]
    public double ActiveThreshold { get; init; } = DefaultActiveThreshold;

    /// <summary>Vectors encoded and decoded at a time; bounds memory at about BatchSize × (DSae + DIn) floats. Must be ≥ 1.</summary>
    [Setting("--batch-size", "Vectors encoded at a time")]
    public int BatchSize { get; init; } = 1024;

    /// <summary>Where the GOOD / FAIR / POOR grades change.</summary>
    public VerdictThresholds Thresholds { get; init; } = new();

    public static EvaluationOptions Default { get; } = new();

    /// <summary>Throws a user error naming the first invalid option.</summary>
    public void Validate()
    {
        ValidateScan(ActiveThreshold, BatchSize);
        Thresholds.Validate();
    }

    /// <summary>Checks the options every pass over codes shares (evaluation and feature analysis).</summary>
    internal static void ValidateScan(double activeThreshold, int batchSize)
    {
        if (!(activeThreshold >= 0) || double.IsInfinity(activeThreshold))
        {
            throw new SaeLabException($"active threshold (--threshold) must be a finite number ≥ 0, got {activeThreshold}");
        }

        if (batchSize < 1)
        {
            throw new SaeLabException($"batch size (--batch-size) must be ≥ 1, got {batchSize}");
        }
    }
}
