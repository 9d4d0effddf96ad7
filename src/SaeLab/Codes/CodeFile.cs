using SaeLab.Data;
using SaeLab.Formats.Numpy;
using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;

namespace SaeLab.Codes;

/// <summary>
/// Writes an SAE's codes where Python reads them, with the vectors' metadata columns beside them (except in .npy,
/// which holds one array):
/// <list type="bullet">
/// <item>dense: <c>codes</c> [N, m] float32 in .npy, .npz or .safetensors; the .npz and .safetensors are activation
/// files SaeLab itself reads with <c>--activations-key codes</c>;</item>
/// <item>sparse .npz: <c>scipy.sparse.save_npz</c>'s CSR layout (<c>data</c>, <c>indices</c>, <c>indptr</c>,
/// <c>shape</c>, <c>format</c>), so <c>scipy.sparse.load_npz</c> opens it;</item>
/// <item>sparse .safetensors: <c>values</c>, <c>indices</c>, <c>indptr</c>, with <c>format</c> and <c>shape</c> in the
/// header metadata, for <c>torch.sparse_csr_tensor(indptr, indices, values, size=shape)</c>.</item>
/// </list>
/// </summary>
public static class CodeFile
{
    /// <summary>The dense codes' array name.</summary>
    public const string DenseName = "codes";

    /// <summary>Writes <paramref name="codes"/> (of the vectors whose metadata is <paramref name="columns"/>) to <paramref name="path"/> atomically, in the format its extension names.</summary>
    public static void Write(string path, SparseCodes codes, IReadOnlyList<MetadataColumn> columns, CodeLayout layout)
    {
        RequireNoClash(path, columns, layout);
        RequireFormat(path, layout);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".npy":
                NpyFile.Write(path, NpyArray.OfNumbers(Dense(codes)));
                break;
            case ".npz":
                NpzFile.Write(path, [.. NpzArrays(codes, layout), .. ActivationWriter.NpzColumns(columns)]);
                break;
            default:
                WriteSafeTensors(path, codes, columns, layout);
                break;
        }
    }

    /// <summary>Throws unless <paramref name="path"/>'s extension names a codes format that holds <paramref name="layout"/>.</summary>
    public static void RequireFormat(string path, CodeLayout layout)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".npy" or ".npz" or ".safetensors"))
        {
            throw SaeLabException.ForFile(path, $"no codes format for extension '{extension}'", "use .npy, .npz or .safetensors");
        }

        if (extension == ".npy" && layout == CodeLayout.Sparse)
        {
            throw SaeLabException.ForFile(path, "a .npy holds one array, and sparse codes are three", "write sparse codes to .npz (scipy.sparse.load_npz reads it) or .safetensors");
        }
    }

    /// <summary>The array names a layout writes, which a metadata column must not take.</summary>
    public static IReadOnlyList<string> ArrayNames(CodeLayout layout) =>
        layout == CodeLayout.Dense ? [DenseName] : ["data", "values", "indices", "indptr", "shape", "format"];

    private static void RequireNoClash(string path, IReadOnlyList<MetadataColumn> columns, CodeLayout layout)
    {
        if (columns.FirstOrDefault(c => ArrayNames(layout).Contains(c.Name)) is { } clash)
        {
            throw SaeLabException.ForFile(path, $"a metadata column is named '{clash.Name}', a name the codes themselves take", "rename that column");
        }
    }

    private static HostTensor Dense(SparseCodes codes) => HostTensor.FromFloat32(codes.ToDense(), codes.Rows, codes.Features);

    private static IEnumerable<KeyValuePair<string, NpyArray>> NpzArrays(SparseCodes codes, CodeLayout layout) =>
        layout == CodeLayout.Dense ? [new(DenseName, NpyArray.OfNumbers(Dense(codes)))] : ScipyCsr(codes);

    private static IEnumerable<KeyValuePair<string, NpyArray>> ScipyCsr(SparseCodes codes) =>
    [
        new("data", NpyArray.OfNumbers(HostTensor.FromFloat32(codes.Values, codes.NonZeros))),
        new("indices", NpyArray.OfNumbers(HostTensor.FromInt32(codes.Indices, codes.NonZeros))),
        new("indptr", NpyArray.OfNumbers(HostTensor.FromInt64(codes.RowStarts, codes.Rows + 1L))),
        new("shape", NpyArray.OfNumbers(HostTensor.FromInt64([codes.Rows, codes.Features], 2))),
        new("format", NpyArray.OfStrings(["csr"])),
    ];

    private static void WriteSafeTensors(string path, SparseCodes codes, IReadOnlyList<MetadataColumn> columns, CodeLayout layout)
    {
        var (metadataTensors, metadata) = ActivationWriter.SafeTensorsColumns(columns);
        List<KeyValuePair<string, HostTensor>> tensors = layout == CodeLayout.Dense
            ? [new(DenseName, Dense(codes))]
            : [
                new("values", HostTensor.FromFloat32(codes.Values, codes.NonZeros)),
                new("indices", HostTensor.FromInt32(codes.Indices, codes.NonZeros)),
                new("indptr", HostTensor.FromInt64(codes.RowStarts, codes.Rows + 1L)),
            ];
        if (layout == CodeLayout.Sparse)
        {
            metadata["format"] = "csr";
            metadata["shape"] = $"[{codes.Rows}, {codes.Features}]";
        }

        SafeTensorsFile.Write(path, [.. tensors, .. metadataTensors], metadata);
    }
}
