using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SaeLab.Experiments;

/// <summary>
/// Reads a mapping of an experiment file straight into a library record (<c>cross_validation:</c> into
/// <see cref="Probing.CrossValidation.CrossValidationConfig"/>) through its <see cref="RecordKeys"/>: each key must be one of the record's,
/// and a key not given keeps the record's initial value, so its name, type and default are written once, on the record.
/// </summary>
internal sealed class RecordReader(params RecordKeys[] records) : INodeDeserializer
{
    private readonly Dictionary<Type, RecordKeys> _records = records.ToDictionary(r => r.Record);

    public bool Deserialize(
        IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        if (!_records.TryGetValue(expectedType, out RecordKeys? keys) || !reader.Accept<MappingStart>(out _))
        {
            value = null;
            return false;
        }

        reader.Consume<MappingStart>();
        var given = new List<(PropertyInfo[] Path, object? Value)>();
        while (!reader.TryConsume<MappingEnd>(out _))
        {
            Scalar key = reader.Consume<Scalar>();
            PropertyInfo[] path = keys.PathOf(key.Value) ?? throw new YamlException(key.Start, key.End, ExperimentFile.NotAKeyHere(key.Value, keys.Keys));
            given.Add((path, KeyValue.Read(reader, path[^1], nestedObjectDeserializer, key)));
        }

        value = keys.Create(given);
        return true;
    }
}
