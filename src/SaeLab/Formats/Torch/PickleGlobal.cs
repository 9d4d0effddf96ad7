using SaeLab.Tensors;

namespace SaeLab.Formats.Torch;

/// <summary>What an allowed pickle global stands for.</summary>
internal enum PickleGlobalKind
{
    RebuildTensor,
    RebuildParameter,
    OrderedDict,
    Size,
    CodecsEncode,
    StorageType,
    NumpyReconstruct,
    NumpyArrayType,
    NumpyDType,
}

/// <summary>
/// A global the restricted unpickler accepts, modelled on PyTorch's <c>_get_allowed_globals()</c> in
/// <c>torch/_weights_only_unpickler.py</c>: the tensor-rebuild functions, the storage classes,
/// <c>collections.OrderedDict</c>, <c>torch.Size</c> and <c>_codecs.encode</c> (how protocol 2 pickles bytes), and, as
/// torch also allows, numpy's <c>_reconstruct</c>, <c>ndarray</c> and <c>dtype</c> (how <c>np.save</c> pickles an object array).
/// </summary>
internal sealed record PickleGlobal(string Name, PickleGlobalKind Kind, DType StorageDType = DType.UInt8)
{
    private static readonly Dictionary<string, PickleGlobal> Allowed = BuildTable();

    /// <summary>The allowed global <c>module.name</c>, or null.</summary>
    public static PickleGlobal? Find(string module, string name) =>
        Allowed.GetValueOrDefault(module + "." + name);

    private static Dictionary<string, PickleGlobal> BuildTable()
    {
        var globals = new List<PickleGlobal>
        {
            new("torch._utils._rebuild_tensor_v2", PickleGlobalKind.RebuildTensor),
            new("torch._utils._rebuild_parameter", PickleGlobalKind.RebuildParameter),
            new("collections.OrderedDict", PickleGlobalKind.OrderedDict),
            new("torch.Size", PickleGlobalKind.Size),
            new("_codecs.encode", PickleGlobalKind.CodecsEncode),
            // Untyped storages (newer torch) are raw bytes; the tensor's dtype comes from the typed class otherwise.
            new("torch.UntypedStorage", PickleGlobalKind.StorageType, DType.UInt8),
            new("torch.storage.UntypedStorage", PickleGlobalKind.StorageType, DType.UInt8),
            // numpy 2 moved numpy.core to numpy._core; pickles name either.
            new("numpy.core.multiarray._reconstruct", PickleGlobalKind.NumpyReconstruct),
            new("numpy._core.multiarray._reconstruct", PickleGlobalKind.NumpyReconstruct),
            new("numpy.ndarray", PickleGlobalKind.NumpyArrayType),
            new("numpy.dtype", PickleGlobalKind.NumpyDType),
        };
        (string Name, DType DType)[] typed =
        [
            ("FloatStorage", DType.Float32), ("HalfStorage", DType.Float16), ("BFloat16Storage", DType.BFloat16),
            ("DoubleStorage", DType.Float64), ("LongStorage", DType.Int64), ("IntStorage", DType.Int32),
            ("ShortStorage", DType.Int16), ("CharStorage", DType.Int8), ("ByteStorage", DType.UInt8),
            ("BoolStorage", DType.Bool),
        ];
        globals.AddRange(typed.Select(t => new PickleGlobal("torch." + t.Name, PickleGlobalKind.StorageType, t.DType)));
        return globals.ToDictionary(g => g.Name, StringComparer.Ordinal);
    }
}
