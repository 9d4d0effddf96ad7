namespace SaeLab.Dashboard;

/// <summary>The dashboard's static files (HTML, script, style), embedded in the assembly so the site needs no network.</summary>
public static class SiteAssets
{
    private const string Prefix = "SaeLab.Dashboard.Site.";

    /// <summary>Every asset's file name.</summary>
    public static IReadOnlyList<string> Names { get; } =
        typeof(SiteAssets).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Copies every asset into <paramref name="directory"/>.</summary>
    public static void CopyTo(string directory)
    {
        foreach (string name in Names)
        {
            using Stream source = typeof(SiteAssets).Assembly.GetManifestResourceStream(Prefix + name)!;
            using FileStream target = File.Create(Path.Combine(directory, name));
            source.CopyTo(target);
        }
    }
}
