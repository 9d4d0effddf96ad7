using SaeLab.Settings;

namespace SaeLab.Probing.Sparse;

/// <summary>
/// The settings of <see cref="SaeBenchSparseProber"/> beyond the shared <see cref="ProbeConfig"/> (split, labels,
/// classifier): which k, and the seed of the negatives' draw.
/// </summary>
public sealed record SaeBenchProbingConfig
{
    /// <summary>
    /// Features kept per probe (<c>--k-sparse</c>): SAEBench's <c>k_values</c> default, 1, 2 and 5
    /// (<c>sae_bench/evals/sparse_probing/eval_config.py</c>, <c>SparseProbingEvalConfig</c>).
    /// </summary>
    public IReadOnlyList<int> Ks { get; init; } = [1, 2, 5];

    /// <summary>
    /// Seed of the negatives' draw (<c>--negative-seed</c>), ≥ 0. SAEBench draws them with torch's global
    /// generator, which cannot be reproduced outside torch; rerunning with other seeds shows how much the draw moves
    /// the score. Kept apart from <see cref="ProbeConfig.SplitSeed"/> so the draw does not replay the split's stream.
    /// </summary>
    [Setting("--negative-seed", "Seed of the negatives' draw of the " + SparseProbingProtocol.SaeBench + " protocol")]
    public int NegativeSeed { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Ks.Count == 0 || Ks.Any(k => k < 1))
        {
            throw new SaeLabException($"--k-sparse takes whole numbers >= 1, e.g. 1,2,5 (got '{string.Join(",", Ks)}')");
        }

        if (NegativeSeed < 0)
        {
            throw new SaeLabException($"--negative-seed must be >= 0 (got {NegativeSeed})");
        }
    }
}
