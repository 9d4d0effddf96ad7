using SaeLab.GroundTruth;
using SaeLab.Numerics;
using SaeLab.Sae;

namespace SaeLab.Analysis;

/// <summary>
/// For each feature of a set, the other features of that set whose unit decoder rows have the highest cosine
/// with its own (SAE-Vis's "nearest features"). The cosine matrix is one <see cref="Gemm"/> per block of rows,
/// so memory stays O(block × features) rather than features².
/// </summary>
internal static class DecoderNeighbours
{
    private const int RowsPerBlock = 256;

    /// <summary>Per entry of <paramref name="features"/>: its <paramref name="count"/> nearest others among <paramref name="features"/>.</summary>
    public static FeatureNeighbour[][] Find(ISparseAutoencoder sae, IReadOnlyList<int> features, int count)
    {
        int n = features.Count, dim = sae.DIn;
        float[] all = DecoderDirections.UnitRows(sae);
        var rows = new float[(long)n * dim];
        for (int i = 0; i < n; i++)
        {
            all.AsSpan(features[i] * dim, dim).CopyTo(rows.AsSpan(i * dim, dim));
        }

        var neighbours = new FeatureNeighbour[n][];
        var block = new float[(long)Math.Min(RowsPerBlock, n) * n];
        for (int start = 0; start < n; start += RowsPerBlock)
        {
            int take = Math.Min(RowsPerBlock, n - start);
            // cos [take, n] = U[start..start+take] [take, d] · Uᵀ (U [n, d]).
            Gemm.Multiply(ComputeContext.Current, false, true, take, n, dim, 1f, rows.AsSpan(start * dim, take * dim), dim, rows, dim, 0f, block, n);
            for (int r = 0; r < take; r++)
            {
                neighbours[start + r] = Nearest(block.AsSpan(r * n, n), start + r, features, count);
            }
        }

        return neighbours;
    }

    private static FeatureNeighbour[] Nearest(ReadOnlySpan<float> cosines, int self, IReadOnlyList<int> features, int count)
    {
        var best = new List<(float Cosine, int Index)>(count + 1);
        for (int j = 0; j < cosines.Length; j++)
        {
            if (j == self || (best.Count == count && (count == 0 || cosines[j] <= best[^1].Cosine)))
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && cosines[j] > best[at - 1].Cosine)
            {
                at--;
            }

            best.Insert(at, (cosines[j], j));
            if (best.Count > count)
            {
                best.RemoveAt(count);
            }
        }

        return best.Select(b => new FeatureNeighbour(features[b.Index], b.Cosine)).ToArray();
    }
}
