using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SaeLab.Numerics;

/// <summary>
/// One register-blocked micro-kernel and the cache blocking that feeds it (BLIS terms: MR × NR tile, KC depth,
/// MC and NC block sizes; Van Zee &amp; van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS
/// Functionality", ACM TOMS 2015, §3). <see cref="PackedGemm"/> runs any of them; the tests run each one.
/// </summary>
internal sealed unsafe class GemmMicroKernel
{
    /// <summary>
    /// C[Mr, Nr] (row stride ldc) = aPacked[kc, Mr]ᵀ · bPacked[kc, Nr] + beta · C; beta = 0 does not read C.
    /// Arguments: kc, aPacked, bPacked, c, ldc, beta.
    /// </summary>
    public required delegate*<int, float*, float*, float*, nint, float, void> Run { get; init; }

    /// <summary>Name reported by benchmarks and <see cref="ComputeContext.BackendName"/>.</summary>
    public required string Name { get; init; }

    /// <summary>Rows of C per micro-tile (rows of an A sliver).</summary>
    public required int Mr { get; init; }

    /// <summary>Columns of C per micro-tile (the vector dimension; columns of a B sliver).</summary>
    public required int Nr { get; init; }

    /// <summary>Depth of one packed block (k per pass): an A sliver Mr × Kc stays in L1.</summary>
    public required int Kc { get; init; }

    /// <summary>Rows of A packed at once (a multiple of <see cref="Mr"/>; the panel lives in L3).</summary>
    public required int Mc { get; init; }

    /// <summary>Columns of B packed at once (a multiple of <see cref="Nr"/>; Kc × Nc lives in L2).</summary>
    public required int Nc { get; init; }

    /// <summary>Whether this machine can run the kernel.</summary>
    public required bool IsSupported { get; init; }

    /// <summary>8 × 32 tile over Vector512 FMA: 16 zmm accumulators.</summary>
    public static GemmMicroKernel Vector512Kernel { get; } = new()
    {
        Run = &MicroKernel512.Run,
        Name = "managed-avx512",
        Mr = MicroKernel512.Mr,
        Nr = MicroKernel512.Nr,
        Kc = 256,
        Mc = 3072,
        Nc = 384,
        IsSupported = Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
    };

    /// <summary>6 × 16 tile over Vector256 FMA: 12 accumulators of the 16 ymm registers.</summary>
    public static GemmMicroKernel Vector256Kernel { get; } = new()
    {
        Run = &MicroKernel256.Run,
        Name = "managed-avx2",
        Mr = MicroKernel256.Mr,
        Nr = MicroKernel256.Nr,
        Kc = 256,
        Mc = 3072,
        Nc = 512,
        IsSupported = Vector256.IsHardwareAccelerated && Fma.IsSupported,
    };

    /// <summary>Portable 4 × 4 scalar tile: the fallback that every machine runs.</summary>
    public static GemmMicroKernel ScalarKernel { get; } = new()
    {
        Run = &MicroKernelScalar.Run,
        Name = "managed-scalar",
        Mr = MicroKernelScalar.Mr,
        Nr = MicroKernelScalar.Nr,
        Kc = 256,
        Mc = 1024,
        Nc = 256,
        IsSupported = true,
    };

    /// <summary>The widest kernel this machine supports.</summary>
    public static GemmMicroKernel Best { get; } =
        Vector512Kernel.IsSupported ? Vector512Kernel
        : Vector256Kernel.IsSupported ? Vector256Kernel
        : ScalarKernel;

    /// <summary>This kernel with other block sizes (tests use tiny blocks to cross every block edge cheaply).</summary>
    public GemmMicroKernel WithBlocking(int kc, int mc, int nc) => new()
    {
        Run = Run,
        Name = Name,
        Mr = Mr,
        Nr = Nr,
        Kc = kc,
        Mc = mc,
        Nc = nc,
        IsSupported = IsSupported,
    };
}
