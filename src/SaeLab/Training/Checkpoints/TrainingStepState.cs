using System.Runtime.InteropServices;
using SaeLab.Tensors;

namespace SaeLab.Training.Checkpoints;

/// <summary>
/// A training step's state beyond its optimiser's parameters and Adam moments (the TopK family's dead-feature
/// counters, BatchTopK's running threshold, the resampler's counters and history) as named tensors, which a
/// <see cref="TrainingCheckpoint"/> stores beside the weights and hashes with them. A step adds its own in
/// <see cref="Architectures.ISaeTrainingStep.SaveState"/> and reads them back in
/// <see cref="Architectures.ISaeTrainingStep.RestoreState"/>, where a missing or misshapen tensor is refused.
/// </summary>
public sealed class TrainingStepState
{
    private readonly SortedDictionary<string, HostTensor> _tensors = new(StringComparer.Ordinal);
    private readonly string _source;

    /// <summary>An empty state for a step to save into.</summary>
    public TrainingStepState()
        : this("", [])
    {
    }

    /// <param name="source">The file the tensors were read from (named in errors).</param>
    /// <param name="tensors">The tensors, by name.</param>
    public TrainingStepState(string source, IEnumerable<KeyValuePair<string, HostTensor>> tensors)
    {
        _source = source;
        foreach ((string name, HostTensor tensor) in tensors)
        {
            _tensors.Add(name, tensor);
        }
    }

    /// <summary>The tensors, in ordinal order of their names.</summary>
    public IEnumerable<KeyValuePair<string, HostTensor>> Tensors => _tensors;

    /// <summary>Adds the vector <paramref name="values"/> [n] as <paramref name="name"/>.</summary>
    public void Add(string name, long[] values) => _tensors.Add(name, HostTensor.FromInt64(values, values.Length));

    /// <summary>Adds the vector <paramref name="values"/> [n] as <paramref name="name"/>.</summary>
    public void Add(string name, double[] values) =>
        _tensors.Add(name, new HostTensor(DType.Float64, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));

    /// <summary>Adds the vector <paramref name="values"/> [n] as <paramref name="name"/>.</summary>
    public void Add(string name, float[] values) => _tensors.Add(name, HostTensor.FromFloat32(values, values.Length));

    /// <summary>Adds the table <paramref name="values"/> [n, <paramref name="columns"/>] (row-major; n may be 0) as <paramref name="name"/>.</summary>
    public void AddRows(string name, double[] values, int columns) =>
        _tensors.Add(name, new HostTensor(DType.Float64, [values.Length / columns, columns], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));

    /// <summary>Adds the table <paramref name="values"/> [n, <paramref name="columns"/>] (row-major; n may be 0) as <paramref name="name"/>.</summary>
    public void AddRows(string name, long[] values, int columns) =>
        _tensors.Add(name, HostTensor.FromInt64(values, values.Length / columns, columns));

    /// <summary>The int64 vector <paramref name="name"/> of <paramref name="length"/> elements.</summary>
    public long[] Int64(string name, int length) =>
        MemoryMarshal.Cast<byte, long>(Find(name, DType.Int64, [length]).Data).ToArray();

    /// <summary>The int64 table <paramref name="name"/> [n, <paramref name="columns"/>] with any number of rows n, row-major.</summary>
    public long[] Int64Rows(string name, int columns) =>
        MemoryMarshal.Cast<byte, long>(Find(name, DType.Int64, [-1, columns]).Data).ToArray();

    /// <summary>The float32 vector <paramref name="name"/> of <paramref name="length"/> elements.</summary>
    public float[] Float32(string name, int length) =>
        MemoryMarshal.Cast<byte, float>(Find(name, DType.Float32, [length]).Data).ToArray();

    /// <summary>The float64 table <paramref name="name"/> [n, <paramref name="columns"/>] with any number of rows n, row-major.</summary>
    public double[] Float64Rows(string name, int columns) =>
        MemoryMarshal.Cast<byte, double>(Find(name, DType.Float64, [-1, columns]).Data).ToArray();

    /// <summary>The float64 vector <paramref name="name"/> of <paramref name="length"/> elements.</summary>
    public double[] Float64(string name, int length) =>
        MemoryMarshal.Cast<byte, double>(Find(name, DType.Float64, [length]).Data).ToArray();

    // The tensor, checked against dtype and shape (−1: any size).
    private HostTensor Find(string name, DType dtype, long[] shape)
    {
        const string Hint = "the checkpoint was written by another architecture, size or training method";
        HostTensor tensor = _tensors.GetValueOrDefault(name) ?? throw SaeLabException.ForFile(_source, $"training state '{name}' is missing", Hint);
        bool fits = tensor.DType == dtype && tensor.Rank == shape.Length && shape.Select((size, i) => size < 0 || size == tensor.Shape[i]).All(ok => ok);
        string expected = "[" + string.Join(", ", shape.Select(size => size < 0 ? "n" : size.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        return fits ? tensor : throw SaeLabException.ForFile(_source, $"training state '{name}' is {tensor.DType} {tensor.ShapeText}, expected {dtype} {expected}", Hint);
    }
}
