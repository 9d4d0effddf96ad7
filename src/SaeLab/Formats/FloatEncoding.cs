using System.Buffers.Binary;
using SaeLab.Tensors;

namespace SaeLab.Formats;

/// <summary>
/// Encodes float32 values as float32, float16 or bfloat16 tensors for writing. Both narrowings round to nearest,
/// ties to even (IEEE 754 §4.3.1), as <c>torch.Tensor.to(torch.float16 / torch.bfloat16)</c> does; values beyond the
/// narrow range become ±Inf and NaN stays NaN.
/// </summary>
public static class FloatEncoding
{
    /// <summary>The dtypes <see cref="Encode"/> writes, by their cfg.json / CLI names.</summary>
    public static IReadOnlyDictionary<string, DType> Writable { get; } = new Dictionary<string, DType>(StringComparer.OrdinalIgnoreCase)
    {
        ["f32"] = DType.Float32,
        ["float32"] = DType.Float32,
        ["f16"] = DType.Float16,
        ["float16"] = DType.Float16,
        ["bf16"] = DType.BFloat16,
        ["bfloat16"] = DType.BFloat16,
    };

    /// <summary>The short names a user picks from: f32, f16, bf16.</summary>
    public static IReadOnlyList<string> ShortNames { get; } = ["f32", "f16", "bf16"];

    /// <summary>The float dtype named <paramref name="name"/> (f32|f16|bf16 or float32|float16|bfloat16).</summary>
    public static DType Parse(string name, string option) =>
        Writable.TryGetValue(name, out DType dtype)
            ? dtype
            : throw new SaeLabException($"{option} '{name}' is not a writable float type; use f32, f16 or bf16");

    /// <summary>The short name users type for <paramref name="dtype"/> (f32, f16, bf16).</summary>
    public static string ShortName(DType dtype) => Writable.First(entry => entry.Value == dtype).Key;

    /// <summary><paramref name="values"/> with <paramref name="shape"/> as a tensor of <paramref name="dtype"/>.</summary>
    public static HostTensor Encode(float[] values, DType dtype, params long[] shape)
    {
        if (dtype == DType.Float32)
        {
            return HostTensor.FromFloat32(values, shape);
        }

        var bytes = new byte[values.LongLength * 2];
        Span<byte> destination = bytes;
        for (int i = 0; i < values.Length; i++)
        {
            ushort bits = dtype switch
            {
                DType.Float16 => BitConverter.HalfToUInt16Bits((Half)values[i]),
                DType.BFloat16 => ToBFloat16Bits(values[i]),
                _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "only float32, float16 and bfloat16 are written"),
            };
            BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(i * 2, 2), bits);
        }

        return new HostTensor(dtype, shape, bytes);
    }

    /// <summary>The top 16 bits of <paramref name="value"/> rounded to nearest even; NaN becomes a quiet NaN of the same sign.</summary>
    public static ushort ToBFloat16Bits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x0040);
        }

        uint roundingBias = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }
}
