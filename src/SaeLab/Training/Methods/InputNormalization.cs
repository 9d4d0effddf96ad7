namespace SaeLab.Training.Methods;

/// <summary>
/// The constant that scales training vectors to unit mean squared norm (dictionary_learning's
/// <c>normalize_activations</c>: x ↦ x / √(E‖x‖²)); the trained SAE is folded back with
/// <see cref="Sae.DictionarySae.FoldInputScale"/> so that it takes raw vectors.
/// </summary>
public static class InputNormalization
{
    /// <summary>1 / √(mean over <paramref name="rows"/> of ‖x‖²) for the rows of <paramref name="values"/> [N, <paramref name="dim"/>], summed in double.</summary>
    public static float ScaleFor(ReadOnlySpan<float> values, ReadOnlySpan<int> rows, int dim)
    {
        if (rows.IsEmpty)
        {
            throw new ArgumentException("no rows to measure", nameof(rows));
        }

        double squares = 0;
        foreach (int row in rows)
        {
            squares += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(values.Slice(row * dim, dim));
        }

        double meanSquaredNorm = squares / rows.Length;
        return meanSquaredNorm > 0 && double.IsFinite(meanSquaredNorm)
            ? (float)(1 / Math.Sqrt(meanSquaredNorm))
            : throw new SaeLabException($"--normalize-inputs: the training vectors' mean squared norm is {meanSquaredNorm}; there is nothing to normalise by");
    }
}
