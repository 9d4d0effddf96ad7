using SaeLab.Settings;

namespace SaeLab.Statistics;

/// <summary>How <c>saelab compare</c> tests two probes scored on the same test problems (<c>Probing.ProbeComparison</c>).</summary>
public sealed record ComparisonOptions
{
    /// <summary>Seed of the bootstrap resampling.</summary>
    [Setting("--seed", "Seed of the bootstrap resampling", DefaultText = "0")]
    public int Seed { get; init; }

    /// <summary>Bootstrap resamples, ≥ 1.</summary>
    [Setting("--resamples", "Bootstrap resamples")]
    public int Resamples { get; init; } = PairedBootstrap.DefaultResamples;

    /// <summary>How McNemar's p-value is computed (an attribute takes no interpolated number: 25 is <see cref="McNemarTest.ExactBelowDiscordant"/>).</summary>
    [Setting("--method", "McNemar p-value: auto (exact below 25 discordant problems, else chi-square), exact or chisquare", DefaultText = "auto")]
    public McNemarMethod Method { get; init; } = McNemarMethod.Auto;

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate() =>
        SettingException.Require(Resamples >= 1, $"{SettingException.Named(nameof(Resamples))} must be at least 1 (got {Resamples})");
}
