using System.Reflection;

namespace SaeLab.Settings;

/// <summary>
/// The declared settings of one config record <typeparamref name="T"/>, in declaration order (the order help lists them),
/// and its setting groups; read once by reflection.
/// </summary>
public static class SettingTable<T> where T : class, new()
{
    private static readonly MethodInfo Clone =
        typeof(T).GetMethod("<Clone>$") ?? throw new InvalidOperationException($"{typeof(T).Name} is not a record");

    /// <summary>Every property carrying a <see cref="SettingAttribute"/>.</summary>
    public static IReadOnlyList<Setting> All { get; } = Declared();

    /// <summary>Every property carrying a <see cref="SettingGroupAttribute"/>: its settings are another record's.</summary>
    public static IReadOnlyList<PropertyInfo> Groups { get; } =
        [.. typeof(T).GetProperties().Where(p => p.GetCustomAttribute<SettingGroupAttribute>() is not null)];

    /// <summary>The setting of property <paramref name="name"/>.</summary>
    public static Setting Of(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"{typeof(T).Name}.{name} is not a declared setting", nameof(name));

    /// <summary>A copy of <paramref name="baseline"/> with each given property set to its value (a record's <c>with</c>, by name).</summary>
    public static T With(T baseline, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var copy = (T)Clone.Invoke(baseline, null)!;
        foreach (var (name, value) in values)
        {
            (typeof(T).GetProperty(name) ?? throw new ArgumentException($"{typeof(T).Name} has no property {name}", nameof(values))).SetValue(copy, value);
        }

        return copy;
    }

    private static Setting[] Declared()
    {
        var defaults = new T();
        return [.. typeof(T).GetProperties()
            .Select(p => (Property: p, Declaration: p.GetCustomAttribute<SettingAttribute>()))
            .Where(p => p.Declaration is not null)
            .OrderBy(p => p.Property.MetadataToken)
            .Select(p => new Setting(p.Property, p.Declaration!, defaults))];
    }
}
