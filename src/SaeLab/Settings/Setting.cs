using System.Collections;
using System.Globalization;
using System.Reflection;
using YamlDotNet.Serialization.NamingConventions;

namespace SaeLab.Settings;

/// <summary>One declared setting of a config record (<see cref="SettingAttribute"/>): its names, type, help and default.</summary>
public sealed class Setting
{
    private readonly SettingAttribute _declaration;

    internal Setting(PropertyInfo property, SettingAttribute declaration, object defaults)
    {
        Property = property;
        _declaration = declaration;
        Key = KeyOf(property.Name);
        ValueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        Default = property.GetValue(defaults);
        Choices = declaration.Choices is { } choices
            ? (IReadOnlyList<string>)property.DeclaringType!.GetProperty(choices, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!
            : [];
    }

    /// <summary>The record's property.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The property's name (<c>BatchSize</c>).</summary>
    public string Name => Property.Name;

    /// <summary>The command-line flag (<c>--batch-size</c>).</summary>
    public string Flag => _declaration.Flag;

    /// <summary>The experiment file's key (<c>batch_size</c>).</summary>
    public string Key { get; }

    /// <summary>The type of a given value: the property's, without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType { get; }

    /// <summary>The record's initial value.</summary>
    public object? Default { get; }

    /// <summary>The values it takes, when it names one of a list (<see cref="SettingAttribute.Choices"/>); else empty.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Whether the value is a float element type written by its short name (<see cref="SettingAttribute.FloatType"/>).</summary>
    public bool IsFloatType => _declaration.FloatType;

    /// <summary>Whether the value is a size in bytes, written with a unit (<see cref="SettingAttribute.Bytes"/>).</summary>
    public bool IsByteSize => _declaration.Bytes;

    /// <summary>The property a given value of this one clears, or null.</summary>
    public string? Replaces => _declaration.Replaces;

    /// <summary>The help line with its choices and default: "Vectors per Adam step [default: 256]".</summary>
    public string Help
    {
        get
        {
            string help = _declaration.Help.Replace("{choices}", string.Join(", ", Choices), StringComparison.Ordinal);
            string? shown = _declaration.DefaultText ?? (IsFloatType && Default is Tensors.DType dtype ? Formats.FloatEncoding.ShortName(dtype) : Shown(Default));
            return shown is null ? help : $"{help} [default: {shown}]";
        }
    }

    /// <summary>The key a record property is read from in experiment files (<c>BatchSize</c> → <c>batch_size</c>).</summary>
    public static string KeyOf(string propertyName) => UnderscoredNamingConvention.Instance.Apply(propertyName);

    /// <summary>This setting's value in <paramref name="config"/>.</summary>
    public object? ValueIn(object config) => Property.GetValue(config);

    // Defaults worth showing: a false switch or an empty list says nothing the help line does not.
    private static string? Shown(object? value) => value switch
    {
        null or false => null,
        true => "true",
        IEnumerable list and not string => list.Cast<object>().Any() ? string.Join(",", list.Cast<object>().Select(Invariant)) : null,
        _ => Invariant(value),
    };

    private static string Invariant(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
