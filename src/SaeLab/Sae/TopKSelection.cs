using System.Numerics.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// The TopK selections TopK-family SAEs share: per row (Gao et al. 2024, §2.3) and over a whole batch (Bussmann et
/// al. 2024, "BatchTopK Sparse Autoencoders", §3). Selected values are ReLU'd, the rest zeroed; among equal values at
/// the cut the lower flat index wins, so the result does not depend on the sort.
/// </summary>
internal static class TopKSelection
{
    /// <summary>values ← ReLU(values) on its <paramref name="k"/> largest entries, 0 elsewhere; scratch ≥ values.Length.</summary>
    public static void KeepTopK(Span<float> values, int k, Span<float> scratch)
    {
        scratch = scratch[..values.Length];
        values.CopyTo(scratch);
        float cut = OrderStatistic(scratch, values.Length - k);
        int aboveCut = 0;
        foreach (float value in values)
        {
            aboveCut += value > cut ? 1 : 0;
        }

        int tiesKept = k - aboveCut;
        for (int i = 0; i < values.Length; i++)
        {
            bool keep = values[i] > cut || (values[i] == cut && tiesKept-- > 0);
            values[i] = keep ? MathF.Max(values[i], 0f) : 0f;
        }
    }

    /// <summary>
    /// The value that sorting <paramref name="values"/> ascending would put at <paramref name="index"/>, found by
    /// quickselect (Hoare, C. A. R. 1961, "Algorithm 65: Find") in expected linear time instead of a sort's n log n;
    /// reorders <paramref name="values"/>. Sorts instead when the values hold NaN (which a sort places first), and sorts the
    /// remaining range when partitioning stalls, so the result is always the sort's. (N. Wirth's partition scheme.)
    /// </summary>
    internal static float OrderStatistic(Span<float> values, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, values.Length);
        const int MaxRounds = 64;
        int lo = 0, hi = values.Length - 1;
        bool hasNaN = float.IsNaN(TensorPrimitives.Sum(values)); // also true for +∞ beside −∞: those sort too
        for (int round = 0; lo < hi; round++)
        {
            float pivot = MedianOfThree(values[lo], values[lo + (hi - lo) / 2], values[hi]);
            if (round == MaxRounds || hasNaN)
            {
                values[lo..(hi + 1)].Sort();
                return values[index];
            }

            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (index <= j)
            {
                hi = j;
            }
            else if (index >= i)
            {
                lo = i;
            }
            else
            {
                return values[index];
            }
        }

        return values[index];
    }

    /// <summary>KeepTopK on each of the <paramref name="rows"/> rows of <paramref name="matrix"/> [rows, cols].</summary>
    public static void KeepTopKPerRow(Span<float> matrix, int rows, int cols, int k, Span<float> scratch)
    {
        for (int row = 0; row < rows; row++)
        {
            KeepTopK(matrix.Slice(row * cols, cols), k, scratch);
        }
    }

    private static float MedianOfThree(float a, float b, float c) => MathF.Max(MathF.Min(a, b), MathF.Min(MathF.Max(a, b), c));
}
