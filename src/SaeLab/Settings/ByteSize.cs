namespace SaeLab.Settings;

/// <summary>Sizes in bytes as a user writes them (<c>--max-memory 512MB</c>).</summary>
public static class ByteSize
{
    /// <summary>
    /// Parses a size such as <c>512MB</c>, <c>2GB</c>, <c>1.5G</c>, <c>800000K</c> or a plain byte count. Units are
    /// binary (1 MB = 2²⁰ bytes), as <c>ulimit</c> and container memory limits count.
    /// </summary>
    public static long Parse(string text, string option)
    {
        string trimmed = text.Trim().ToUpperInvariant();
        (string number, long unit) = trimmed switch
        {
            _ when trimmed.EndsWith("KB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 10),
            _ when trimmed.EndsWith("MB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 20),
            _ when trimmed.EndsWith("GB", StringComparison.Ordinal) => (trimmed[..^2], 1L << 30),
            _ when trimmed.EndsWith('K') => (trimmed[..^1], 1L << 10),
            _ when trimmed.EndsWith('M') => (trimmed[..^1], 1L << 20),
            _ when trimmed.EndsWith('G') => (trimmed[..^1], 1L << 30),
            _ when trimmed.EndsWith('B') => (trimmed[..^1], 1L),
            _ => (trimmed, 1L),
        };
        return double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
               && double.IsFinite(value) && value > 0 && value * unit < long.MaxValue
            ? (long)(value * unit)
            : throw new SaeLabException($"{option} '{text}' is not a size; write e.g. 512MB, 2GB or a byte count");
    }
}
