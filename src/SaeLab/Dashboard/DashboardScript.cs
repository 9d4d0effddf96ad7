using System.Text.Json;
using SaeLab.IO;

namespace SaeLab.Dashboard;

/// <summary>
/// The dashboard's data files: JSON wrapped in one call, <c>saeDashboard.receive("name", {…});</c>, loaded through
/// &lt;script&gt; tags because browsers refuse fetch() of local files under file://. The JSON is SaeLab's output
/// convention (<see cref="JsonFiles.Options"/>), unindented.
/// </summary>
public static class DashboardScript
{
    /// <summary>The function every data file calls; app.js defines it.</summary>
    public const string Receiver = "saeDashboard.receive";

    // Relaxed escaping keeps question texts readable and small ("Tom's", not "Tom\u0027s"); it is safe here because
    // the files are scripts of their own, never inlined into HTML.
    private static readonly JsonSerializerOptions Compact = new(JsonFiles.Options)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The script that hands <paramref name="payload"/> to the page under <paramref name="name"/>.</summary>
    public static string Of<T>(string name, T payload) =>
        $"{Receiver}({JsonSerializer.Serialize(name)}, {JsonSerializer.Serialize(payload, Compact)});\n";
}
