namespace SaeLab.IO;

/// <summary>
/// Reads input files, turning "not found", a folder and I/O failures into one clear error naming the file (a folder
/// would otherwise read as "access denied").
/// </summary>
public static class FileBytes
{
    /// <summary>All bytes of <paramref name="path"/>; <paramref name="folderHint"/> says what to pass when it is a folder.</summary>
    public static byte[] ReadAll(string path, string? folderHint = null)
    {
        if (Directory.Exists(path))
        {
            throw SaeLabException.ForFile(path, "is a folder, not a file", folderHint);
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SaeLabException.ForFile(path, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
        }
    }

    /// <summary>As <see cref="ReadAll"/>, for a file that cannot be empty (a JSON document): an empty one is named as such.</summary>
    public static byte[] ReadNonEmpty(string path) =>
        ReadAll(path) is { Length: > 0 } bytes ? bytes : throw SaeLabException.ForFile(path, "the file is empty (0 bytes)", "was it written completely?");
}
