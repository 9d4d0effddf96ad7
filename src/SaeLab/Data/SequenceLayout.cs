using SaeLab.Formats;
using SaeLab.Tensors;

namespace SaeLab.Data;

/// <summary>
/// How loaded activations map to vectors: [N, d] is N vectors; [N, seq, d] (a batch of token sequences, as a
/// transformer hook returns them) is flattened row-major into N·seq vectors, sample n's position s at row n·seq + s.
/// A column then holds one value per vector, or one per sample (repeated over its positions), and the flattened
/// set gains the position as its token column and, when the file names none, the sample as its problem column.
/// </summary>
internal sealed record SequenceLayout(int Samples, int Positions, long Dim)
{
    /// <summary>The number of vectors.</summary>
    public int Vectors => Samples * Positions;

    /// <summary>The layout of 2-D or 3-D <paramref name="activations"/>, whose vector count fits an array.</summary>
    public static SequenceLayout Of(HostTensor activations) =>
        new((int)activations.Shape[0], activations.Rank == 3 ? (int)activations.Shape[1] : 1, activations.Shape[^1]);

    /// <summary><paramref name="column"/> with one value per vector, or the error naming <paramref name="path"/>.</summary>
    public MetadataColumn PerVector(MetadataColumn column, string path)
    {
        if (column.Length == Vectors)
        {
            return column;
        }

        if (Positions > 1 && column.Length == Samples)
        {
            return column.Take([.. Enumerable.Range(0, Vectors).Select(row => row / Positions)]);
        }

        throw Positions > 1
            ? new FileFormatException(path, $"metadata column '{column.Name}' has {column.Length} entries for {Samples} samples × {Positions} positions", $"a column needs one value per sample ({Samples}) or per vector ({Vectors})")
            : new FileFormatException(path, $"metadata column '{column.Name}' has {column.Length} entries for {Vectors} vectors", "every column needs one value per activation vector");
    }

    /// <summary>For flattened sequences, adds the token (position) column and, when missing, the problem (sample) column; returns the notes saying so.</summary>
    public IReadOnlyList<string> AddPositionColumns(Dictionary<string, MetadataColumn> columns)
    {
        if (Positions == 1)
        {
            return [];
        }

        var notes = new List<string> { $"activations [{Samples}, {Positions}, {Dim}] are flattened to {Vectors} vectors (sample × position); per-sample columns are repeated over the positions" };
        if (columns.TryAdd(MetadataKeys.Tokens, new IntColumn(MetadataKeys.Tokens, [.. Enumerable.Range(0, Vectors).Select(row => (long)(row % Positions))])))
        {
            notes.Add($"generated column '{MetadataKeys.Tokens}': the position 0..{Positions - 1}");
        }

        if (columns.TryAdd(MetadataKeys.Problems, new IntColumn(MetadataKeys.Problems, [.. Enumerable.Range(0, Vectors).Select(row => (long)(row / Positions))])))
        {
            notes.Add($"generated column '{MetadataKeys.Problems}': the sample 0..{Samples - 1}");
        }

        return notes;
    }
}
