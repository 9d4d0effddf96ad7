namespace SaeLab.IO;

/// <summary>
/// Writes a folder so that readers see either the old folder or the complete new one: its files go into a
/// temporary folder beside the target, which is then renamed into place (the old folder, if any, is moved aside
/// first and deleted after). An interrupted run leaves at most a hidden temporary folder, never a half-written target.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>Calls <paramref name="write"/> with an empty temporary folder, then renames that folder to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string fullPath = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(fullPath))
        {
            throw SaeLabException.ForFile(fullPath, "is a file, expected a folder to write into", "choose another output folder");
        }

        string parent = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(parent);
        string temp = Sibling(fullPath, "tmp");
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            Replace(temp, fullPath);
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    private static void Replace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        string old = Sibling(target, "old");
        Directory.Move(target, old);
        Directory.Move(temp, target);
        Directory.Delete(old, recursive: true);
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.{kind}");
}
