namespace SaeLab.Formats.Torch;

/// <summary>A pickled <c>numpy.dtype(descr, align, copy)</c>: only its type string (e.g. <c>O8</c>) is kept; its BUILD state (byte order, field names) is not needed.</summary>
internal sealed record PickleNumpyDType(string Descr)
{
    /// <summary>Whether the dtype is <c>object</c> (Python objects; pandas' strings), the one kind a pickled array is read for.</summary>
    public bool IsObject => Descr.StartsWith('O');
}

/// <summary>
/// A pickled numpy object array (what <c>np.save</c> writes for dtype <c>object</c>, e.g. a pandas column of strings):
/// <c>numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')</c> creates it empty and BUILD fills in
/// <c>(version, shape, dtype, is_fortran, items)</c>. Only object arrays are filled (their items are a plain list);
/// numeric arrays carry raw bytes that <c>torch.save</c>'s own tensors make unnecessary, and are refused.
/// </summary>
internal sealed class PickleNumpyArray
{
    /// <summary>The shape, once BUILD has run; null before.</summary>
    public long[]? Shape { get; private set; }

    /// <summary>The elements in row-major order, once BUILD has run.</summary>
    public IReadOnlyList<object?> Items { get; private set; } = [];

    /// <summary>Sets the array's state; returns the problem when the state is not that of a C-ordered object array.</summary>
    public string? Fill(PickleTuple state)
    {
        if (state.Count != 5 || state[1] is not PickleTuple shape || state[2] is not PickleNumpyDType dtype || state[3] is not bool fortran)
        {
            return "a numpy array state that is not (version, shape, dtype, is_fortran, data)";
        }

        if (!dtype.IsObject || state[4] is not List<object?> items)
        {
            return $"a numpy array of dtype {dtype.Descr} (only object arrays are read from a pickle)";
        }

        long[] dims = shape.Items.Select(d => d is long n && n >= 0 ? n : -1).ToArray();
        if (dims.Contains(-1) || !Fills(dims, items.Count))
        {
            return $"a numpy object array whose {items.Count} items do not fill its shape";
        }

        if (fortran && dims.Count(n => n > 1) > 1)
        {
            return "a Fortran-ordered numpy object array";
        }

        Shape = dims;
        Items = items;
        return null;
    }

    private static bool Fills(long[] dims, int count)
    {
        long product = 1;
        foreach (long n in dims)
        {
            if (n != 0 && product > count / n)
            {
                return count == 0 && dims.Contains(0);
            }

            product *= n;
        }

        return product == count;
    }
}
