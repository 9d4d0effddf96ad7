using SaeLab.Tensors;

namespace SaeLab.Formats.Numpy;

/// <summary>
/// One NumPy array from a <c>.npy</c> file or an <c>.npz</c> member: numbers as a <see cref="HostTensor"/>
/// (row-major, little-endian), or strings (fixed-width unicode <c>&lt;U</c>, or an object array of Python strings, as
/// pandas writes) as <see cref="Strings"/> in row-major order, or an object array of anything else, kept only as
/// <see cref="Unread"/>: why its items were not read.
/// </summary>
public sealed record NpyArray
{
    private NpyArray(long[] shape, HostTensor? numbers, string[]? strings, string? unread = null)
    {
        Shape = shape;
        Numbers = numbers;
        Strings = strings;
        Unread = unread;
    }

    public long[] Shape { get; }

    /// <summary>The numeric elements; null for a string array.</summary>
    public HostTensor? Numbers { get; }

    /// <summary>The string elements; null for a numeric array.</summary>
    public string[]? Strings { get; }

    /// <summary>For an object array that holds something other than strings, what it holds; null otherwise.</summary>
    public string? Unread { get; }

    /// <summary>"float32[120, 2048]", "str[120]" or "object[120]".</summary>
    public string Description => (Numbers is { } numbers ? DTypeInfo.DisplayName(numbers.DType) : Strings is null ? "object" : "str") + "[" + string.Join(", ", Shape) + "]";

    public static NpyArray OfNumbers(HostTensor tensor) => new(tensor.Shape, tensor, null);

    public static NpyArray OfStrings(string[] values, params long[] shape) =>
        HostTensor.CountElements(shape) == values.LongLength
            ? new(shape, null, values)
            : throw new ArgumentException($"{values.Length} strings do not fill shape [{string.Join(", ", shape)}]");

    /// <summary>An object array whose items are not all strings; <paramref name="reason"/> says what they are.</summary>
    public static NpyArray OfUnreadObjects(string reason, params long[] shape) => new(shape, null, null, reason);
}
