namespace SaeLab.Codes;

/// <summary>How <see cref="CodeFile"/> lays out an SAE's codes.</summary>
public enum CodeLayout
{
    /// <summary>One [N, m] float32 array: simplest to use, N × m × 4 bytes.</summary>
    Dense,

    /// <summary>Compressed sparse rows (values, feature indices, row starts): the size of the non-zero codes.</summary>
    Sparse,
}
