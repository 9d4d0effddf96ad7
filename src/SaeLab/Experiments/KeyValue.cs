using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SaeLab.Experiments;

/// <summary>
/// The value of one key of an experiment file, read as its property's type; a null where the property promises a value is
/// refused ("epochs: ~" is a mistake, not a zero), as the deserializer's WithEnforceNullability refuses it in the records it
/// reads itself.
/// </summary>
internal static class KeyValue
{
    /// <summary>Reads the value after <paramref name="key"/> as <paramref name="property"/>'s type.</summary>
    public static object? Read(IParser reader, PropertyInfo property, Func<IParser, Type, object?> nestedObjectDeserializer, Scalar key)
    {
        object? value = nestedObjectDeserializer(reader, ReadAs(property.PropertyType));
        // A context per value: NullabilityInfoContext is not thread-safe, and experiment files may be parsed in parallel.
        if (value is null && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.NotNull)
        {
            throw new YamlException(key.Start, key.End, $"'{key.Value}': value is null, but it must be given");
        }

        return value;
    }

    // The type YamlDotNet reads a value as: a value type as its Nullable, for YamlDotNet reads "~" as an int's 0 but a
    // Nullable's null; a read-only list (SyntheticConfig.Layers) as an array, which YamlDotNet builds and the property takes.
    private static Type ReadAs(Type type) => type switch
    {
        { IsValueType: true } when Nullable.GetUnderlyingType(type) is null => typeof(Nullable<>).MakeGenericType(type),
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => type.GetGenericArguments()[0].MakeArrayType(),
        _ => type,
    };
}
