using System.Reflection;
using System.Text.RegularExpressions;

namespace SaeLab.Settings;

/// <summary>
/// A user error about settings, worded for whoever gave them: its message names each setting by its flag
/// (<c>--batch-size must be ≥ 1</c>, as the CLI prints it), and <see cref="KeyMessage"/> by its experiment-file key
/// (<c>batch_size must be ≥ 1</c>). Messages mark a setting with <see cref="Named"/>.
/// </summary>
public sealed partial class SettingException : SaeLabException
{
    private const char Open = '\uE000', Close = '\uE001';

    private static readonly Lazy<Dictionary<string, Setting?>> Declared = new(FindDeclared);

    private readonly string _template;

    private SettingException(string template)
        : base(Render(template, s => s.Flag)) => _template = template;

    /// <summary>The message with each setting named by its experiment-file key.</summary>
    public string KeyMessage => Render(_template, s => s.Key);

    /// <summary>A mark standing for the setting of property <paramref name="property"/> in a message: its flag or key once rendered.</summary>
    public static string Named(string property) => Declared.Value.TryGetValue(property, out Setting? setting)
        ? setting is not null
            ? $"{Open}{property}{Close}"
            : throw new ArgumentException($"several config records declare a setting {property} with different flags; name it in words", nameof(property))
        : throw new ArgumentException($"no config record declares a setting {property}", nameof(property));

    /// <summary>
    /// The mark for <typeparamref name="T"/>'s setting <paramref name="property"/>, where other records declare a setting of
    /// that name with another flag (<c>Seed</c>: <c>--seed</c> for training, <c>--cv-seed</c> for cross-validation).
    /// </summary>
    public static string Named<T>(string property) => Named(Qualified(typeof(T), property));

    /// <summary>Throws a <see cref="SettingException"/> with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static new void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new SettingException(message);
        }
    }

    private static string Render(string template, Func<Setting, string> name) =>
        Mark().Replace(template, match => name(Declared.Value[match.Groups[1].Value]!));

    // Every declared setting of the library's config records, by property name, so that a message may name a setting of
    // another record (the methods' checks name the architecture); null for a name declared with different flags. Each is
    // also there by its record-qualified name (CrossValidationConfig.Seed), which is never ambiguous.
    private static Dictionary<string, Setting?> FindDeclared()
    {
        var declared = new Dictionary<string, Setting?>(StringComparer.Ordinal);
        foreach (Type record in typeof(SettingException).Assembly.GetTypes().Where(t => t.GetProperties().Any(p => p.GetCustomAttribute<SettingAttribute>() is not null)))
        {
            var all = (IReadOnlyList<Setting>)typeof(SettingTable<>).MakeGenericType(record).GetProperty(nameof(SettingTable<object>.All))!.GetValue(null)!;
            foreach (Setting setting in all)
            {
                declared[Qualified(record, setting.Name)] = setting;
                // One name may be declared by several records (the probes' and the analysis's --label-key); it can be
                // named in a message only where every declaration has the same flag and key.
                if (!declared.TryAdd(setting.Name, setting) && declared[setting.Name] is { } first && (first.Flag != setting.Flag || first.Key != setting.Key))
                {
                    declared[setting.Name] = null;
                }
            }
        }

        return declared;
    }

    private static string Qualified(Type record, string property) => $"{record.Name}.{property}";

    [GeneratedRegex("\uE000([\\w.]+)\uE001")]
    private static partial Regex Mark();
}
