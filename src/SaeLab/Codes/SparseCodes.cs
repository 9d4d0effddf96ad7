using SaeLab.Data;
using SaeLab.Evaluation;
using SaeLab.Sae;

namespace SaeLab.Codes;

/// <summary>
/// An SAE's codes for a set of vectors in compressed sparse row form, as <c>scipy.sparse.csr_matrix</c> and
/// <c>torch.sparse_csr_tensor</c> take them: row r's non-zero codes are <see cref="Values"/>[RowStarts[r]..RowStarts[r + 1]),
/// at features <see cref="Indices"/> of the same range, in increasing feature order. Feature indices are int32 (as
/// scipy stores them when they fit); row starts int64, since a large set holds more than 2^31 codes.
/// </summary>
public sealed record SparseCodes(int Rows, int Features, float[] Values, int[] Indices, long[] RowStarts)
{
    /// <summary>Encodes every vector of <paramref name="data"/> through <paramref name="sae"/>, <paramref name="batchSize"/> rows at a time; only non-zero codes are kept.</summary>
    public static SparseCodes Encode(ISparseAutoencoder sae, ActivationSet data, int batchSize)
    {
        var values = new List<float>();
        var indices = new List<int>();
        var rowStarts = new long[data.Count + 1];
        CodeBatches.ForEach(sae, data, batchSize, (first, rows, _, codes) =>
        {
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> row = codes.Slice(r * sae.DSae, sae.DSae);
                for (int feature = 0; feature < row.Length; feature++)
                {
                    if (row[feature] != 0f)
                    {
                        values.Add(row[feature]);
                        indices.Add(feature);
                    }
                }

                rowStarts[first + r + 1] = values.Count;
            }
        });
        return new SparseCodes(data.Count, sae.DSae, [.. values], [.. indices], rowStarts);
    }

    /// <summary>Number of non-zero codes.</summary>
    public long NonZeros => Values.LongLength;

    /// <summary>The codes as a dense row-major [Rows, Features] array.</summary>
    public float[] ToDense()
    {
        if ((long)Rows * Features > Array.MaxLength)
        {
            throw new SaeLabException($"{Rows} × {Features} dense codes hold more values than one array can; write them sparse (--layout sparse)");
        }

        var dense = new float[(long)Rows * Features];
        for (int r = 0; r < Rows; r++)
        {
            for (long at = RowStarts[r]; at < RowStarts[r + 1]; at++)
            {
                dense[(long)r * Features + Indices[at]] = Values[at];
            }
        }

        return dense;
    }
}
