namespace SaeLab.Evaluation;

/// <summary>
/// Reconstruction and sparsity of an SAE on a data set, with the seed's definitions
/// (reference_pipeline.py <c>validate</c>); see each property for its formula.
/// </summary>
public sealed record EvaluationMetrics
{
    /// <summary>The mean-vector cosine at which cosine similarity stops being informative.</summary>
    public const double UninformativeCosine = 0.9;

    /// <summary>Number of vectors N.</summary>
    public required int Vectors { get; init; }

    /// <summary>Input dimension d.</summary>
    public required int DIn { get; init; }

    /// <summary>Number of features m.</summary>
    public required int DSae { get; init; }

    /// <summary>A feature is active on a vector when |z| exceeds this.</summary>
    public required double ActiveThreshold { get; init; }

    /// <summary>Σ (x − x̂)² / (N·d): the mean over all elements (torch mse_loss).</summary>
    public required double Mse { get; init; }

    /// <summary>
    /// 1 − mean_j Var(x − x̂)_j / mean_j Var(x)_j with unbiased (N − 1) variances per dimension j, as
    /// torch.var(·, 0) computes. NaN when N &lt; 2 or the data has no variance.
    /// </summary>
    public required double ExplainedVariance { get; init; }

    /// <summary>Mean over vectors of x·x̂ / (‖x‖‖x̂‖); a vector where either norm is 0 counts as 0 (torch gives 0 there too).</summary>
    public required double CosineSimilarity { get; init; }

    /// <summary>
    /// Mean over vectors of cos(x, μ), μ the data's mean vector: the cosine a "reconstruction" that ignores the input and
    /// returns the mean would score. Residual streams carry a large shared mean, so this is often above 0.9, and a cosine
    /// similarity near it says nothing (<see cref="CosineIsUninformative"/>); 0 when μ = 0.
    /// </summary>
    public double MeanVectorCosine { get; init; }

    /// <summary>Whether the mean vector alone scores a cosine of 0.9 or more, so that cosine similarity cannot tell a good reconstruction from none.</summary>
    public bool CosineIsUninformative => MeanVectorCosine >= UninformativeCosine;

    /// <summary>Mean over vectors of L0 = the number of features with |z| &gt; threshold.</summary>
    public required double L0Mean { get; init; }

    /// <summary>Unbiased standard deviation of L0 over vectors (torch .std()); NaN when N &lt; 2.</summary>
    public required double L0Std { get; init; }

    /// <summary>L0 mean ÷ m: the fraction of the dictionary one vector uses on average.</summary>
    public required double L0Fraction { get; init; }

    /// <summary>L0 mean ÷ d_in: the code's size against the input's (the sparsity verdict's second measure).</summary>
    public double L0PerInput => L0Mean / DIn;

    /// <summary>Mean over vectors of Σ_f |z_f|.</summary>
    public required double L1Mean { get; init; }

    /// <summary>Features active on no vector.</summary>
    public required int DeadFeatures { get; init; }

    /// <summary>Dead features ÷ m.</summary>
    public required double DeadFraction { get; init; }

    /// <summary>m − dead features: features active on at least one vector.</summary>
    public required int ActiveFeatures { get; init; }
}
