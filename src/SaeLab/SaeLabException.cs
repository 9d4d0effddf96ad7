namespace SaeLab;

/// <summary>
/// An error caused by the user's input (a file, an option, a configuration), as opposed to a bug.
/// The CLI prints <see cref="Exception.Message"/> alone and exits with code 2.
/// </summary>
public class SaeLabException : Exception
{
    public SaeLabException(string message) : base(message) { }

    public SaeLabException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Throws a <see cref="SaeLabException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds (the configs' option checks).</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new SaeLabException(message);
        }
    }

    /// <summary>An error about one file: "path: problem. hint".</summary>
    public static SaeLabException ForFile(string path, string problem, string? hint = null) =>
        new(hint is null ? $"{path}: {problem}" : $"{path}: {problem}. {hint}");
}
