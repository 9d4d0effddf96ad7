using System.Reflection;
using SaeLab.Settings;
using SaeLab.Training;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SaeLab.Experiments;

/// <summary>
/// Reads an <c>saes:</c> entry or the <c>sweep:</c> block: a key the spec declares goes to its property; any other key
/// must be a setting of <see cref="SaeTrainingConfig"/> (or its <c>methods:</c> group) and goes to
/// <see cref="SaeSettingsSpec.Training"/>, so the experiment file's training keys are the trainer's own declarations
/// rather than a copy of them. A spec property wins over a setting of the same key (a sweep's list of <c>l1</c> values).
/// </summary>
internal sealed class SaeSettingsReader : INodeDeserializer
{
    private static readonly Dictionary<string, PropertyInfo> TrainingKeys =
        SettingTable<SaeTrainingConfig>.All.Select(s => s.Property).Concat(SettingTable<SaeTrainingConfig>.Groups)
            .ToDictionary(p => Setting.KeyOf(p.Name), StringComparer.Ordinal);

    public bool Deserialize(
        IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        if (!typeof(SaeSettingsSpec).IsAssignableFrom(expectedType) || !reader.Accept<MappingStart>(out _))
        {
            value = null;
            return false;
        }

        reader.Consume<MappingStart>();
        var spec = (SaeSettingsSpec)Activator.CreateInstance(expectedType)!;
        var training = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (!reader.TryConsume<MappingEnd>(out _))
        {
            Scalar key = reader.Consume<Scalar>();
            if (OwnProperty(expectedType, key.Value) is { } own)
            {
                own.SetValue(spec, KeyValue.Read(reader, own, nestedObjectDeserializer, key));
            }
            else if (TrainingKeys.TryGetValue(key.Value, out PropertyInfo? setting))
            {
                training[setting.Name] = KeyValue.Read(reader, setting, nestedObjectDeserializer, key);
            }
            else
            {
                string entry = expectedType == typeof(SweepSpec) ? "the sweep" : "an SAE entry";
                string nearest = ClosestName.Suggestion(key.Value, OwnKeys(expectedType).Concat(TrainingKeys.Keys));
                throw new YamlException(key.Start, key.End, $"'{key.Value}' is not a key of {entry} nor a training setting{nearest}");
            }
        }

        value = spec with { Training = training };
        return true;
    }

    private static PropertyInfo? OwnProperty(Type spec, string key) => OwnProperties(spec).FirstOrDefault(p => Setting.KeyOf(p.Name) == key);

    private static IEnumerable<string> OwnKeys(Type spec) => OwnProperties(spec).Select(p => Setting.KeyOf(p.Name));

    private static IEnumerable<PropertyInfo> OwnProperties(Type spec) =>
        spec.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetCustomAttribute<YamlIgnoreAttribute>() is null);
}
