using System.Reflection;

namespace SaeLab;

/// <summary>
/// The SaeLab build that wrote an output: its version and the git commit it was built from ("0.1.0+3f2a…", the
/// assembly's informational version, which the SDK stamps with the commit), recorded in every JSON output, cfg.json,
/// COMPARISON.md and the activation files SaeLab writes, so a number can be traced to the code that produced it.
/// </summary>
public static class SaeLabVersion
{
    /// <summary>The key under which outputs record <see cref="Current"/>.</summary>
    public const string Key = "saelab_version";

    public static string Current { get; } =
        typeof(SaeLabVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
