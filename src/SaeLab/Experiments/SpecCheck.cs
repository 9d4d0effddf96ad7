using SaeLab.Settings;

namespace SaeLab.Experiments;

/// <summary>Runs a library config's own check (or a library call) and re-throws its error naming the experiment file and entry.</summary>
internal static class SpecCheck
{
    /// <summary>Runs <paramref name="check"/>; a <see cref="SaeLabException"/> becomes "<paramref name="path"/>: <paramref name="owner"/>: message".</summary>
    public static void Named(string path, string owner, Action check, string? hint = null) =>
        Named(path, owner, () =>
        {
            check();
            return true;
        }, hint);

    /// <summary>Returns <paramref name="work"/>'s result; a <see cref="SaeLabException"/> becomes "<paramref name="path"/>: <paramref name="owner"/>: message".</summary>
    public static T Named<T>(string path, string owner, Func<T> work, string? hint = null)
    {
        try
        {
            return work();
        }
        catch (SaeLabException e)
        {
            // A setting is named as the file gives it (batch_size), not by its flag.
            string message = e is SettingException setting ? setting.KeyMessage : e.Message;
            throw SaeLabException.ForFile(path, $"{owner}: {message}", hint);
        }
    }
}
