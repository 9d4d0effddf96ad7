namespace SaeLab.Formats.Torch;

/// <summary>A pickled <c>numpy.dtype(descr, align, copy)</c>: only its type string (e.g. <c>O8</c>) is kept; its BUILD state (byte order, field names) is not needed.</summary>
internal sealed record PickleNumpyDType(string Descr)
{
    /// <summary>Whether the dtype is <c>object</c> (Python objects; pandas' strings), the one kind a pickled array is read for.</summary>
    public bool IsObject => Descr.StartsWith('O');
}
