using System.Reflection;
using SaeLab.Settings;
using YamlDotNet.Serialization;

namespace SaeLab.Experiments;

/// <summary>
/// The keys an experiment file gives a library record (<see cref="Record"/>) by: some of its properties, each under its
/// snake_case name (<see cref="Setting.KeyOf"/>), and perhaps those of a record it holds, written flat beside them (the
/// data's <c>problem_key</c> sets its <see cref="ExperimentData.LoadOptions"/>). A record made from them keeps its initial
/// value for every key not given, so the experiment file restates no default.
/// </summary>
internal sealed class RecordKeys
{
    // Key → the properties from the record down to the one the key sets: that one, or the holder and then the held record's.
    private readonly Dictionary<string, PropertyInfo[]> _paths;

    private RecordKeys(Type record, Dictionary<string, PropertyInfo[]> paths) => (Record, _paths) = (record, paths);

    /// <summary>The record these keys make.</summary>
    public Type Record { get; }

    /// <summary>The keys, as the file writes them.</summary>
    public IEnumerable<string> Keys => _paths.Keys;

    /// <summary>
    /// The declared settings of <typeparamref name="T"/> (<see cref="SettingTable{T}"/>), or only those <paramref name="names"/>
    /// names: the keys of a record the command line sets too, whose flags are the same settings.
    /// </summary>
    public static RecordKeys Settings<T>(params string[] names) where T : class, new() =>
        Of(typeof(T), names.Length == 0 ? SettingTable<T>.All.Select(s => s.Property) : names.Select(name => SettingTable<T>.Of(name).Property));

    /// <summary>Every public init property of <typeparamref name="T"/>: the keys of a record that no command line sets (the generator's).</summary>
    public static RecordKeys Properties<T>() =>
        Of(typeof(T), typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true && p.GetCustomAttribute<YamlIgnoreAttribute>() is null));

    /// <summary>These keys with <paramref name="held"/>'s, which set the record in property <paramref name="holder"/>, in place of the holder's own key.</summary>
    public RecordKeys Inline(string holder, RecordKeys held)
    {
        PropertyInfo property = Record.GetProperty(holder) ?? throw new ArgumentException($"{Record.Name} has no property {holder}", nameof(holder));
        var paths = _paths.Where(key => key.Value[0] != property).ToDictionary(StringComparer.Ordinal);
        foreach (var (key, path) in held._paths)
        {
            paths.Add(key, [property, .. path]);
        }

        return new RecordKeys(Record, paths);
    }

    /// <summary>The properties <paramref name="key"/> sets, from the record down; null when it is not one of these keys.</summary>
    public PropertyInfo[]? PathOf(string key) => _paths.GetValueOrDefault(key);

    /// <summary>A record with its initial values but for the <paramref name="given"/> ones.</summary>
    public object Create(IEnumerable<(PropertyInfo[] Path, object? Value)> given) =>
        given.Aggregate(Activator.CreateInstance(Record)!, (record, value) => With(record, value.Path, value.Value));

    private static RecordKeys Of(Type record, IEnumerable<PropertyInfo> properties) =>
        new(record, properties.ToDictionary(p => Setting.KeyOf(p.Name), p => new[] { p }, StringComparer.Ordinal));

    // A copy of record with the property at the end of path set: a record's `with`, by reflection. A held record is copied
    // rather than set, as it may be a shared default (ActivationLoadOptions.Default).
    private static object With(object record, ReadOnlySpan<PropertyInfo> path, object? value)
    {
        object copy = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        path[0].SetValue(copy, path.Length == 1 ? value : With(path[0].GetValue(record)!, path[1..], value));
        return copy;
    }
}
