using System.Buffers.Binary;
using System.Text;
using SaeLab.Tensors;

namespace SaeLab.Formats.Torch;

/// <summary>
/// A pickle virtual machine that executes nothing: it interprets the opcodes <c>torch.save</c> writes
/// (CPython <c>Lib/pickletools.py</c> documents each one) and builds a Python-like object graph of
/// <see cref="PickleDict"/>, <c>List&lt;object?&gt;</c> (list), <see cref="PickleTuple"/>, <see cref="string"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, null, <c>byte[]</c> and <see cref="HostTensor"/>.
/// Like PyTorch's <c>weights_only=True</c> unpickler (<c>torch/_weights_only_unpickler.py</c>) it resolves
/// globals through an allow-list (<see cref="PickleGlobal"/>) instead of importing them, calls (REDUCE) only
/// those, applies BUILD only to OrderedDicts and refuses INST, OBJ, NEWOBJ and the extension registry.
/// Every length is checked against the bytes left, so the stack, the memo and every string are bounded by the
/// input size. The graph may contain cycles (as Python's can): code that walks it bounds its depth.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly string _path;
    private readonly Func<PickleTuple, TorchStorage> _persistentLoad;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _position;

    private RestrictedUnpickler(byte[] data, string path, Func<PickleTuple, TorchStorage> persistentLoad)
    {
        _data = data;
        _path = path;
        _persistentLoad = persistentLoad;
    }

    /// <summary>
    /// Unpickles <paramref name="data"/>; <paramref name="persistentLoad"/> resolves the
    /// <c>('storage', storage_type, key, location, numel)</c> persistent ids of <c>torch.save</c>.
    /// </summary>
    public static object? Load(byte[] data, string path, Func<PickleTuple, TorchStorage> persistentLoad) =>
        new RestrictedUnpickler(data, path, persistentLoad).Run();

    private object? Run()
    {
        while (true)
        {
            int opcodeAt = _position;
            byte opcode = ReadByte();
            if (opcode == (byte)'.')
            {
                return _stack.Count == 1 && _marks.Count == 0
                    ? _stack[0]
                    : throw Fail($"STOP with {_stack.Count} stack items and {_marks.Count} open marks", opcodeAt);
            }

            Step(opcode, opcodeAt);
        }
    }

    private void Step(byte opcode, int at)
    {
        switch (opcode)
        {
            case 0x80: ReadProtocol(at); break;                                       // PROTO
            case 0x95: ReadBytes(8); break;                                           // FRAME: a length hint only
            case (byte)'(': _marks.Push(_stack.Count); break;                         // MARK
            case (byte)'0': Pop(at); break;                                           // POP
            case (byte)'1': PopMark(at); break;                                       // POP_MARK
            case (byte)'2': Push(Peek(at)); break;                                    // DUP
            case (byte)'N': Push(null); break;                                        // NONE
            case 0x88: Push(true); break;                                             // NEWTRUE
            case 0x89: Push(false); break;                                            // NEWFALSE
            case (byte)'K': Push((long)ReadByte()); break;                            // BININT1
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break; // BININT2
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break;  // BININT
            case 0x8a: Push(ReadLong(ReadByte(), at)); break;                         // LONG1
            case 0x8b: Push(ReadLong(ReadLength(4, at), at)); break;                  // LONG4
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break; // BINFLOAT
            case 0x8c: Push(ReadUtf8(ReadByte(), at)); break;                         // SHORT_BINUNICODE
            case (byte)'X': Push(ReadUtf8(ReadLength(4, at), at)); break;             // BINUNICODE
            case 0x8d: Push(ReadUtf8(ReadLength(8, at), at)); break;                  // BINUNICODE8
            case (byte)'U': Push(Encoding.Latin1.GetString(ReadBytes(ReadByte()))); break; // SHORT_BINSTRING
            case (byte)'T': Push(Encoding.Latin1.GetString(ReadBytes(ReadLength(4, at)))); break; // BINSTRING
            case (byte)'C': Push(ReadBytes(ReadByte()).ToArray()); break;             // SHORT_BINBYTES
            case (byte)'B': Push(ReadBytes(ReadLength(4, at)).ToArray()); break;      // BINBYTES
            case 0x8e: Push(ReadBytes(ReadLength(8, at)).ToArray()); break;           // BINBYTES8
            case (byte)'}': Push(new PickleDict()); break;                            // EMPTY_DICT
            case (byte)']': Push(new List<object?>()); break;                         // EMPTY_LIST
            case (byte)')': Push(new PickleTuple([])); break;                         // EMPTY_TUPLE
            case (byte)'d': Push(BuildDict(PopMark(at), new PickleDict(), at)); break; // DICT
            case (byte)'l': Push(PopMark(at)); break;                                 // LIST
            case (byte)'t': Push(new PickleTuple(PopMark(at))); break;                // TUPLE
            case 0x85: Push(new PickleTuple(PopItems(1, at))); break;                 // TUPLE1
            case 0x86: Push(new PickleTuple(PopItems(2, at))); break;                 // TUPLE2
            case 0x87: Push(new PickleTuple(PopItems(3, at))); break;                 // TUPLE3
            case (byte)'a': Append(PopItems(1, at), at); break;                       // APPEND
            case (byte)'e': Append(PopMark(at), at); break;                           // APPENDS
            case (byte)'s': SetItems(PopItems(2, at), at); break;                     // SETITEM
            case (byte)'u': SetItems(PopMark(at), at); break;                         // SETITEMS
            case (byte)'q': _memo[ReadByte()] = Peek(at); break;                      // BINPUT
            case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))] = Peek(at); break; // LONG_BINPUT
            case 0x94: _memo[_memo.Count] = Peek(at); break;                          // MEMOIZE
            case (byte)'h': Push(Recall(ReadByte(), at)); break;                      // BINGET
            case (byte)'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)), at)); break; // LONG_BINGET
            case (byte)'c': Push(ResolveGlobal(ReadLine(at), ReadLine(at), at)); break; // GLOBAL
            case 0x93: StackGlobal(at); break;                                        // STACK_GLOBAL
            case (byte)'Q': Push(PersistentLoad(Pop(at), at)); break;                 // BINPERSID
            case (byte)'R': Reduce(at); break;                                        // REDUCE
            case (byte)'b': Build(at); break;                                         // BUILD
            case (byte)'i':                                                           // INST
                throw Refuse($"global {ReadLine(at)}.{ReadLine(at)} (INST)");
            case (byte)'o' or 0x81 or 0x92:                                           // OBJ, NEWOBJ, NEWOBJ_EX
                throw Refuse($"an object construction (opcode 0x{opcode:x2})");
            case 0x82 or 0x83 or 0x84:                                                // EXT1, EXT2, EXT4
                throw Refuse("the copyreg extension registry");
            default:
                throw Fail($"unsupported pickle opcode 0x{opcode:x2}", at, "only what torch.save writes for tensors and plain containers is accepted");
        }
    }

    private void ReadProtocol(int at)
    {
        byte protocol = ReadByte();
        if (protocol > 5)
        {
            throw Fail($"pickle protocol {protocol} is newer than 5", at);
        }
    }

    private void Push(object? value) => _stack.Add(value);

    private object? Peek(int at) =>
        _stack.Count > MarkFloor() ? _stack[^1] : throw Fail("stack underflow", at);

    private object? Pop(int at)
    {
        object? value = Peek(at);
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private int MarkFloor() => _marks.Count == 0 ? 0 : _marks.Peek();

    private List<object?> PopItems(int count, int at)
    {
        if (_stack.Count - MarkFloor() < count)
        {
            throw Fail("stack underflow", at);
        }

        List<object?> items = _stack.GetRange(_stack.Count - count, count);
        _stack.RemoveRange(_stack.Count - count, count);
        return items;
    }

    private List<object?> PopMark(int at)
    {
        if (_marks.Count == 0)
        {
            throw Fail("no MARK to pop to", at);
        }

        int start = _marks.Pop();
        List<object?> items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private object? Recall(long index, int at) =>
        _memo.TryGetValue(index, out object? value) ? value : throw Fail($"memo entry {index} was never stored", at);

    private void Append(List<object?> items, int at)
    {
        if (Peek(at) is not List<object?> list)
        {
            throw Fail($"APPEND to a {Describe(Peek(at))}, not a list", at);
        }

        list.AddRange(items);
    }

    private void SetItems(List<object?> items, int at)
    {
        if (Peek(at) is not PickleDict dict)
        {
            throw Fail($"SETITEM on a {Describe(Peek(at))}, not a dict", at);
        }

        BuildDict(items, dict, at);
    }

    private PickleDict BuildDict(List<object?> items, PickleDict dict, int at)
    {
        if (items.Count % 2 != 0)
        {
            throw Fail("odd number of items for a dict", at);
        }

        for (int i = 0; i < items.Count; i += 2)
        {
            object key = items[i] ?? throw Fail("dict key None is not supported", at);
            dict.Set(key, items[i + 1]);
        }

        return dict;
    }

    private void StackGlobal(int at)
    {
        object? name = Pop(at);
        object? module = Pop(at);
        if (module is not string moduleName || name is not string globalName)
        {
            throw Fail("STACK_GLOBAL needs two strings", at);
        }

        Push(ResolveGlobal(moduleName, globalName, at));
    }

    private PickleGlobal ResolveGlobal(string module, string name, int at) =>
        PickleGlobal.Find(module, name) ?? throw Refuse($"global {module}.{name}");

    private TorchStorage PersistentLoad(object? pid, int at) =>
        pid is PickleTuple tuple ? _persistentLoad(tuple) : throw Fail($"persistent id is a {Describe(pid)}, not a tuple", at);

    private void Reduce(int at)
    {
        object? args = Pop(at);
        object? callable = Pop(at);
        if (callable is not PickleGlobal global || global.Kind is PickleGlobalKind.StorageType or PickleGlobalKind.NumpyArrayType)
        {
            throw Refuse($"a call of {Describe(callable)} (REDUCE)");
        }

        if (args is not PickleTuple tuple)
        {
            throw Fail($"arguments of {global.Name} are a {Describe(args)}, not a tuple", at);
        }

        Push(Call(global, tuple, at));
    }

    private object Call(PickleGlobal global, PickleTuple args, int at) => global.Kind switch
    {
        PickleGlobalKind.RebuildTensor => RebuildTensor(args, at),
        PickleGlobalKind.RebuildParameter when args.Count >= 1 && args[0] is HostTensor data => data,
        PickleGlobalKind.OrderedDict when args.Count == 0 => new PickleDict(),
        PickleGlobalKind.Size when args.Count == 1 && args[0] is PickleTuple dims => dims,
        PickleGlobalKind.CodecsEncode when args.Count == 2 && args[0] is string text && args[1] is "latin1" or "latin-1" =>
            EncodeLatin1(text, at),
        PickleGlobalKind.NumpyReconstruct when args.Count == 3 && args[0] is PickleGlobal { Kind: PickleGlobalKind.NumpyArrayType } => new PickleNumpyArray(),
        PickleGlobalKind.NumpyDType when args.Count == 3 && args[0] is string descr => new PickleNumpyDType(descr),
        _ => throw Fail($"unexpected arguments for {global.Name}: ({string.Join(", ", args.Items.Select(Describe))})", at),
    };

    // torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private HostTensor RebuildTensor(PickleTuple args, int at)
    {
        if (args.Count is < 6 or > 7 || args[0] is not TorchStorage storage || args[1] is not long offset
            || args[2] is not PickleTuple size || args[3] is not PickleTuple stride)
        {
            throw Fail($"unexpected arguments for _rebuild_tensor_v2: ({string.Join(", ", args.Items.Select(Describe))})", at);
        }

        return TorchTensorRebuild.Rebuild(storage, offset, ToLongs(size, "size", at), ToLongs(stride, "stride", at), _path);
    }

    private long[] ToLongs(PickleTuple tuple, string what, int at) =>
        tuple.Items.Select(item => item is long value ? value : throw Fail($"tensor {what} holds a {Describe(item)}", at)).ToArray();

    private byte[] EncodeLatin1(string text, int at) =>
        text.All(c => c <= 0xFF) ? Encoding.Latin1.GetBytes(text) : throw Fail("_codecs.encode of a non-latin1 string", at);

    // BUILD sets an object's state. Like torch's weights-only unpickler we allow it on OrderedDicts, where the state
    // is the instance __dict__ (attributes), which carries no data this reader needs, and on numpy dtypes and arrays,
    // whose state is plain data.
    private void Build(int at)
    {
        object? state = Pop(at);
        object? target = Peek(at);
        switch (target, state)
        {
            case (PickleDict, PickleDict or null):
            case (PickleNumpyDType, PickleTuple):
                return;
            case (PickleNumpyArray array, PickleTuple arrayState):
                if (array.Fill(arrayState) is { } problem)
                {
                    throw Refuse(problem);
                }

                return;
            default:
                throw Refuse($"BUILD on a {Describe(target)}");
        }
    }

    private long ReadLong(int length, int at)
    {
        if (length > 8)
        {
            throw Fail($"integer of {length} bytes does not fit in 64 bits", at);
        }

        ReadOnlySpan<byte> bytes = ReadBytes(length);
        long value = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        // Two's complement, little-endian (pickletools: decode_long); sign-extend from the top byte.
        return length is > 0 and < 8 && (bytes[length - 1] & 0x80) != 0 ? value - (1L << (8 * length)) : value;
    }

    // A 4- or 8-byte length read unsigned: a negative signed length (BINSTRING, LONG4) becomes a huge one
    // and fails the bound check like any other length beyond the input.
    private int ReadLength(int width, int at)
    {
        ReadOnlySpan<byte> bytes = ReadBytes(width);
        ulong length = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return length <= (ulong)(_data.Length - _position)
            ? (int)length
            : throw Fail($"length {length} exceeds the {_data.Length - _position} bytes left", at, "truncated or corrupt pickle");
    }

    private string ReadUtf8(int length, int at)
    {
        try
        {
            return StrictUtf8.GetString(ReadBytes(length));
        }
        catch (DecoderFallbackException)
        {
            throw Fail("string is not valid UTF-8", at);
        }
    }

    private string ReadLine(int at)
    {
        int end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0)
        {
            throw Fail("GLOBAL name is not terminated", at);
        }

        string line = Encoding.ASCII.GetString(_data, _position, end - _position);
        _position = end + 1;
        return line;
    }

    private byte ReadByte() => ReadBytes(1)[0];

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Fail($"needs {count} bytes at offset {_position}, {_data.Length - _position} left", _position, "truncated pickle");
        }

        var span = new ReadOnlySpan<byte>(_data, _position, count);
        _position += count;
        return span;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        PickleGlobal global => global.Name,
        HostTensor tensor => $"tensor {DTypeInfo.DisplayName(tensor.DType)}{tensor.ShapeText}",
        TorchStorage => "storage",
        List<object?> => "list",
        PickleDict => "dict",
        PickleTuple => "tuple",
        long => "int",
        double => "float",
        bool => "bool",
        string => "str",
        byte[] => "bytes",
        PickleNumpyArray => "numpy array",
        PickleNumpyDType dtype => $"numpy dtype {dtype.Descr}",
        _ => value.GetType().Name,
    };

    private FileFormatException Fail(string problem, int at, string? hint = null) =>
        new(_path, $"{problem} (pickle offset {at})", hint ?? "the pickle is corrupt or was not written by torch.save");

    private FileFormatException Refuse(string what) =>
        new(_path, $"refusing to load: pickle references {what}",
            "Only tensors and plain containers are loaded; no code from the file is executed (like torch.load(weights_only=True))");
}
