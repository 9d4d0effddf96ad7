using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SaeLab.Formats.Torch;
using SaeLab.IO;
using SaeLab.Tensors;

namespace SaeLab.Formats.Numpy;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> format (NEP 1, "A Simple File Format for NumPy Arrays"): the magic
/// <c>\x93NUMPY</c>, a major/minor version, a header length (2 bytes in version 1, 4 in versions 2 and 3), a
/// Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, then the raw elements.
/// Big-endian data are byte-swapped and Fortran-ordered arrays transposed into row-major order.
/// Element types: f2 f4 f8 i1 i2 i4 i8 u1 b1, fixed-width unicode U&lt;n&gt;, and object (O) arrays, which np.save
/// pickles: they are read by the restricted unpickler, never executed.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Data start on a multiple of this many bytes, as numpy's writer aligns them (<c>ARRAY_ALIGN</c>).</summary>
    private const int Alignment = 64;

    /// <summary>True when <paramref name="bytes"/> start with the npy magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    public static NpyArray Read(string path) => Parse(FileBytes.ReadAll(path), path);

    /// <summary>Validates and decodes npy bytes; <paramref name="path"/> names the source in errors.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (!HasMagic(bytes) || bytes.Length < 10)
        {
            throw new FileFormatException(path, "missing the \\x93NUMPY magic or too short", "not a .npy file");
        }

        byte major = bytes[6];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new FileFormatException(path, $"npy version {major}.{bytes[7]} is not 1, 2 or 3"),
        };
        if (bytes.Length < 8 + lengthBytes)
        {
            throw new FileFormatException(path, "npy header length is truncated");
        }

        long headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        int headerStart = 8 + lengthBytes;
        if (headerLength > bytes.Length - headerStart)
        {
            throw new FileFormatException(path, $"npy header length {headerLength} exceeds the {bytes.Length - headerStart} bytes left", "truncated file?");
        }

        ReadOnlySpan<byte> headerBytes = bytes.Slice(headerStart, (int)headerLength);
        string headerText = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        NpyHeader header = NpyHeader.Parse(headerText, path);
        return Decode(header, bytes[(headerStart + (int)headerLength)..], path);
    }

    /// <summary>The npy bytes of <paramref name="array"/> (version 1.0, little-endian, C order).</summary>
    public static byte[] ToBytes(NpyArray array)
    {
        (string descr, byte[] data) = array.Numbers is { } tensor
            ? (NumericDescr(tensor.DType), tensor.Data)
            : EncodeStrings(array.Strings ?? throw new ArgumentException("an object array of non-strings is not written", nameof(array)));
        string header = new NpyHeader(descr, false, array.Shape).Format();
        int unpadded = Magic.Length + 4 + header.Length + 1;
        header = header.PadRight(header.Length + (Alignment - unpadded % Alignment) % Alignment) + "\n";
        using var stream = new MemoryStream();
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)header.Length));
        stream.Write(length);
        stream.Write(Encoding.Latin1.GetBytes(header));
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, NpyArray array) => AtomicFile.WriteAllBytes(path, ToBytes(array));

    private static NpyArray Decode(NpyHeader header, ReadOnlySpan<byte> data, string path)
    {
        if (header.Descr is "|O" or "<O" or ">O" or "=O" or "O")
        {
            return DecodeObjects(header, data.ToArray(), path);
        }

        (DType? dtype, int elementSize, bool bigEndian) = ParseDescr(header.Descr, path);
        long count;
        try
        {
            count = HostTensor.CountElements(header.Shape);
            _ = checked(count * elementSize);
        }
        catch (OverflowException)
        {
            throw new FileFormatException(path, $"npy shape ({string.Join(", ", header.Shape)}) is absurdly large");
        }

        if (count * elementSize != data.Length)
        {
            throw new FileFormatException(
                path,
                $"npy array {header.Descr}({string.Join(", ", header.Shape)}) needs {count * elementSize} data bytes, the file holds {data.Length}",
                "truncated or corrupt file?");
        }

        long[] strides = header.FortranOrder ? FortranStrides(header.Shape) : StridedCopy.RowMajorStrides(header.Shape);
        byte[] elements = StridedCopy.Gather(data, elementSize, 0, header.Shape, strides);
        if (dtype is null)
        {
            return NpyArray.OfStrings(DecodeStrings(elements, elementSize, bigEndian), header.Shape);
        }

        if (bigEndian)
        {
            ByteOrder.SwapInPlace(elements, elementSize);
        }

        return NpyArray.OfNumbers(new HostTensor(dtype.Value, header.Shape, elements));
    }

    // np.save pickles an object array after the header (np.load needs allow_pickle=True for it). The restricted
    // unpickler reads it without running code; strings (a pandas column) are kept, anything else is described.
    private static NpyArray DecodeObjects(NpyHeader header, byte[] pickle, string path)
    {
        object? root = RestrictedUnpickler.Load(pickle, path, _ => throw new FileFormatException(path, "an object array's pickle holds a torch storage"));
        if (root is not PickleNumpyArray { Shape: { } shape } array)
        {
            throw new FileFormatException(path, "the pickle after an object array's header holds no numpy array", "was it written by np.save?");
        }

        if (!shape.SequenceEqual(header.Shape))
        {
            throw new FileFormatException(path, $"the object array's pickle has shape ({string.Join(", ", shape)}), its header ({string.Join(", ", header.Shape)})");
        }

        if (array.Items.All(item => item is string))
        {
            return NpyArray.OfStrings([.. array.Items.Cast<string>()], shape);
        }

        string[] kinds = [.. array.Items.Where(item => item is not string).Select(ObjectKind).Distinct().Order(StringComparer.Ordinal)];
        return NpyArray.OfUnreadObjects($"holds {string.Join(", ", kinds)} items, not only strings", shape);
    }

    private static string ObjectKind(object? item) => item switch
    {
        null => "None",
        double value when double.IsNaN(value) => "NaN (a missing value)",
        double => "float",
        long or bool => "int",
        _ => "other",
    };

    // Fortran (column-major) order: the first index varies fastest.
    private static long[] FortranStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }

    // descr: byte order (< little, > big, | not applicable, = native) + kind + item size, e.g. "<f4", "|b1", "<U7".
    // A null dtype means unicode strings (UTF-32 code units, 4 bytes per character).
    private static (DType? DType, int ElementSize, bool BigEndian) ParseDescr(string descr, string path)
    {
        if (descr.Length < 3 || descr[0] is not ('<' or '>' or '|' or '=')
            || !int.TryParse(descr.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
        {
            throw UnsupportedDescr(descr, path);
        }

        bool bigEndian = descr[0] == '>' || (descr[0] == '=' && !BitConverter.IsLittleEndian);
        DType? dtype = (descr[1], size) switch
        {
            ('f', 2) => DType.Float16,
            ('f', 4) => DType.Float32,
            ('f', 8) => DType.Float64,
            ('i', 1) => DType.Int8,
            ('i', 2) => DType.Int16,
            ('i', 4) => DType.Int32,
            ('i', 8) => DType.Int64,
            ('u', 1) => DType.UInt8,
            ('b', 1) => DType.Bool,
            ('U', _) when size <= 1 << 20 => null,
            _ => throw UnsupportedDescr(descr, path),
        };
        return (dtype, dtype is { } numeric ? DTypeInfo.SizeOf(numeric) : size * 4, bigEndian);
    }

    private static FileFormatException UnsupportedDescr(string descr, string path) =>
        new(path, $"npy dtype '{descr}' is not supported", "supported: f2, f4, f8, i1, i2, i4, i8, u1, b1 and U<n> (either byte order)");

    private static string NumericDescr(DType dtype) => dtype switch
    {
        DType.Float16 => "<f2",
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        DType.Int8 => "|i1",
        DType.Int16 => "<i2",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.UInt8 => "|u1",
        DType.Bool => "|b1",
        _ => throw new ArgumentException($"numpy has no {DTypeInfo.DisplayName(dtype)} dtype; convert to float32 first", nameof(dtype)),
    };

    private static string[] DecodeStrings(byte[] elements, int elementSize, bool bigEndian)
    {
        Encoding utf32 = new UTF32Encoding(bigEndian, byteOrderMark: false);
        var strings = new string[elements.Length / elementSize];
        for (int i = 0; i < strings.Length; i++)
        {
            // numpy pads short strings with NUL characters.
            strings[i] = utf32.GetString(elements, i * elementSize, elementSize).TrimEnd('\0');
        }

        return strings;
    }

    private static (string Descr, byte[] Data) EncodeStrings(string[] strings)
    {
        Encoding utf32 = new UTF32Encoding(bigEndian: false, byteOrderMark: false);
        int width = Math.Max(1, strings.Select(s => utf32.GetByteCount(s) / 4).DefaultIfEmpty(0).Max());
        var data = new byte[strings.Length * width * 4];
        for (int i = 0; i < strings.Length; i++)
        {
            utf32.GetBytes(strings[i], data.AsSpan(i * width * 4));
        }

        return ($"<U{width}", data);
    }
}
