namespace SaeLab.Evaluation;

/// <summary>
/// Where the grades change, the seed's values by default: reconstruction is GOOD when explained variance
/// &gt; 90 %, FAIR when &gt; 70 %, else POOR; sparsity is GOOD when the dead fraction &lt; 10 %, FAIR when
/// &lt; 30 %, else POOR, and no better than L0 allows: a code with no dead features that uses a quarter of the input's
/// dimensions per vector is not sparse, so L0 ÷ d_in must be &lt; 5 % for GOOD and &lt; 25 % for FAIR (SAEBench's
/// SAEs on a 2304-wide model sit at L0 20 – 200, under 9 %). They are written into every evaluation so a verdict can be
/// read against its rule.
/// </summary>
public sealed record VerdictThresholds
{
    /// <summary>Explained variance above this is GOOD.</summary>
    public double ExplainedVarianceGood { get; init; } = 0.9;

    /// <summary>Explained variance above this (and not GOOD) is FAIR.</summary>
    public double ExplainedVarianceFair { get; init; } = 0.7;

    /// <summary>A dead fraction below this is GOOD.</summary>
    public double DeadFractionGood { get; init; } = 0.1;

    /// <summary>A dead fraction below this (and not GOOD) is FAIR.</summary>
    public double DeadFractionFair { get; init; } = 0.3;

    /// <summary>L0 ÷ d_in below this (and a GOOD dead fraction) is GOOD.</summary>
    public double L0PerInputGood { get; init; } = 0.05;

    /// <summary>L0 ÷ d_in below this (and a dead fraction at least FAIR) is FAIR.</summary>
    public double L0PerInputFair { get; init; } = 0.25;

    /// <summary>Grade of an explained variance; NaN (undefined) is POOR.</summary>
    public Verdict Reconstruction(double explainedVariance) =>
        explainedVariance > ExplainedVarianceGood ? Verdict.Good
        : explainedVariance > ExplainedVarianceFair ? Verdict.Fair
        : Verdict.Poor;

    /// <summary>Grade of a dictionary's sparsity: the worse of its dead-feature fraction's and its L0 ÷ d_in's; NaN is POOR.</summary>
    public Verdict Sparsity(double deadFraction, double l0PerInput) =>
        (Verdict)Math.Max((int)Below(deadFraction, DeadFractionGood, DeadFractionFair), (int)Below(l0PerInput, L0PerInputGood, L0PerInputFair));

    // Grade of a measure where lower is better; NaN fails both comparisons, so it is POOR.
    private static Verdict Below(double value, double good, double fair) =>
        value < good ? Verdict.Good
        : value < fair ? Verdict.Fair
        : Verdict.Poor;

    /// <summary>Throws a user error unless each FAIR threshold is on the lenient side of its GOOD one, all in [0, 1].</summary>
    public void Validate()
    {
        if (!(ExplainedVarianceFair >= 0 && ExplainedVarianceFair <= ExplainedVarianceGood && ExplainedVarianceGood <= 1))
        {
            throw new SaeLabException($"explained_variance thresholds must satisfy 0 ≤ fair ≤ good ≤ 1, got fair {ExplainedVarianceFair}, good {ExplainedVarianceGood}");
        }

        if (!(DeadFractionGood >= 0 && DeadFractionGood <= DeadFractionFair && DeadFractionFair <= 1))
        {
            throw new SaeLabException($"dead_fraction thresholds must satisfy 0 ≤ good ≤ fair ≤ 1, got good {DeadFractionGood}, fair {DeadFractionFair}");
        }

        if (!(L0PerInputGood >= 0 && L0PerInputGood <= L0PerInputFair))
        {
            throw new SaeLabException($"l0_per_input thresholds must satisfy 0 ≤ good ≤ fair, got good {L0PerInputGood}, fair {L0PerInputFair}");
        }
    }
}
