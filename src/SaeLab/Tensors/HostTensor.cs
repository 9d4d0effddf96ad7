using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SaeLab.Tensors;

/// <summary>
/// A dense tensor in host memory as read from or written to a file: a dtype, a shape and the elements as
/// contiguous little-endian bytes in row-major (C) order. Readers normalise strides, offsets and byte order
/// into this form; numeric code converts it once with <see cref="ToFloat32"/> or <see cref="ToInt64"/>.
/// </summary>
public sealed class HostTensor
{
    public HostTensor(DType dtype, long[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = CountElements(shape);
        if (count * DTypeInfo.SizeOf(dtype) != data.LongLength)
        {
            throw new ArgumentException(
                $"{count} elements of {DTypeInfo.DisplayName(dtype)} need {count * DTypeInfo.SizeOf(dtype)} bytes, got {data.LongLength}");
        }

        DType = dtype;
        Shape = shape;
        Data = data;
    }

    public DType DType { get; }

    public long[] Shape { get; }

    /// <summary>Row-major little-endian element bytes.</summary>
    public byte[] Data { get; }

    public long ElementCount => CountElements(Shape);

    public int Rank => Shape.Length;

    /// <summary>The shape as "[120, 2048]".</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <summary>Product of the dimensions; throws on a negative dimension or an overflowing product.</summary>
    public static long CountElements(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"negative dimension {dim}");
            }

            count = checked(count * dim);
        }

        return count;
    }

    /// <summary>Wraps float32 values (copied by reference, not by value).</summary>
    public static HostTensor FromFloat32(float[] values, params long[] shape) =>
        new(DType.Float32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Wraps int32 values.</summary>
    public static HostTensor FromInt32(int[] values, params long[] shape) =>
        new(DType.Int32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Wraps int64 values.</summary>
    public static HostTensor FromInt64(long[] values, params long[] shape) =>
        new(DType.Int64, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>The elements converted to float32 (float16/bfloat16/float64/integers/bool all accepted).</summary>
    public float[] ToFloat32()
    {
        var result = new float[ElementCount];
        ReadOnlySpan<byte> bytes = Data;
        switch (DType)
        {
            case DType.Float32:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
                break;
            case DType.Float16:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(i * 2, 2));
                }

                break;
            case DType.BFloat16:
                for (int i = 0; i < result.Length; i++)
                {
                    int bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(i * 2, 2)) << 16;
                    result[i] = BitConverter.Int32BitsToSingle(bits);
                }

                break;
            default:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (float)ReadAsDouble(bytes, i);
                }

                break;
        }

        return result;
    }

    /// <summary>The elements converted to int64; floating-point values must be whole numbers.</summary>
    public long[] ToInt64()
    {
        var result = new long[ElementCount];
        ReadOnlySpan<byte> bytes = Data;
        if (DType == DType.Int64)
        {
            MemoryMarshal.Cast<byte, long>(bytes).CopyTo(result);
            return result;
        }

        for (int i = 0; i < result.Length; i++)
        {
            double value = DTypeInfo.IsFloat(DType) ? ToFloat32At(i) : ReadAsDouble(bytes, i);
            if (value != Math.Floor(value))
            {
                throw new InvalidCastException($"element {i} is {value}, not a whole number");
            }

            result[i] = (long)value;
        }

        return result;
    }

    private float ToFloat32At(int index) => DType switch
    {
        DType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(Data.AsSpan(index * 2, 2)),
        DType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(Data.AsSpan(index * 2, 2)) << 16),
        _ => (float)ReadAsDouble(Data, index),
    };

    private double ReadAsDouble(ReadOnlySpan<byte> bytes, int index) => DType switch
    {
        DType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(index * 4, 4)),
        DType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(index * 8, 8)),
        DType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(index * 8, 8)),
        DType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(index * 4, 4)),
        DType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(index * 2, 2)),
        DType.Int8 => (sbyte)bytes[index],
        DType.UInt8 or DType.Bool => bytes[index],
        _ => throw new InvalidOperationException($"{DType} is not read as double"),
    };
}
