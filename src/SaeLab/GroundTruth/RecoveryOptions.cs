using SaeLab.Settings;

namespace SaeLab.GroundTruth;

/// <summary>How <c>saelab recovery</c> reads the true directions and scores an SAE against them (<see cref="GroundTruthRecovery"/>).</summary>
public sealed record RecoveryOptions
{
    /// <summary>The tensor of true directions [F, d_in] in the truth file.</summary>
    [Setting("--truth-key", "Tensor name of the true directions in --truth")]
    public string TruthKey { get; init; } = "true_directions";

    /// <summary>Best cosine above which a true feature counts as recovered, in (−1, 1).</summary>
    [Setting("--threshold", "Best cosine above which a true feature counts as recovered")]
    public double Threshold { get; init; } = GroundTruthRecovery.DefaultThreshold;

    /// <summary>Compare |cosine|, for SAEs whose codes may be negative.</summary>
    [Setting("--ignore-sign", "Use |cosine| (for SAEs whose codes may be negative)")]
    public bool IgnoreSign { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate() =>
        SettingException.Require(Threshold > -1 && Threshold < 1, $"{SettingException.Named(nameof(Threshold))} must be a cosine in (-1, 1) (got {Threshold})");
}
