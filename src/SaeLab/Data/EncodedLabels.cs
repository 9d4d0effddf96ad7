namespace SaeLab.Data;

/// <summary>Each sample's label as an index into <see cref="Classes"/> (sorted ordinally, as <c>np.unique</c> sorts).</summary>
/// <param name="Classes">Distinct labels, ordinal order.</param>
/// <param name="Y">Class index of each sample.</param>
public sealed record EncodedLabels(string[] Classes, int[] Y)
{
    /// <summary>Encodes each sample's label in <paramref name="labels"/>; fewer than two classes is an error naming <paramref name="labelKey"/>.</summary>
    public static EncodedLabels Of(IReadOnlyList<string> labels, string labelKey)
    {
        string[] classes = labels.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            throw new SaeLabException($"label column '{labelKey}' has a single class ('{classes[0]}'); a probe needs two or more");
        }

        return new EncodedLabels(classes, labels.Select(l => Array.BinarySearch(classes, l, StringComparer.Ordinal)).ToArray());
    }

    /// <summary>The class indices of <paramref name="samples"/>, in that order.</summary>
    public int[] Of(IReadOnlyList<int> samples) => samples.Select(i => Y[i]).ToArray();
}
