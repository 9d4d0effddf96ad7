using System.Globalization;

namespace SaeLab.Cli.Commands;

/// <summary>Options that take a list of whole numbers as one comma-separated value (<c>--matryoshka-widths 128,512</c>).</summary>
internal static class CommaSeparatedIntegers
{
    /// <summary>The numbers in <paramref name="text"/>; a <see cref="SaeLabException"/> naming <paramref name="option"/> and showing <paramref name="example"/> otherwise.</summary>
    public static int[] Parse(string text, string option, string example)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? [.. parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))]
            : throw new SaeLabException($"{option} takes comma-separated whole numbers, e.g. {example} (got '{text}')");
    }
}
