using SaeLab.Numerics;

namespace SaeLab.Benchmarks;

/// <summary>Random operands for one shape and the backends that can multiply them.</summary>
public sealed class GemmOperands
{
    /// <summary>The naive <see cref="GemmReference"/>, for small shapes only.</summary>
    public const string Reference = "reference";

    private readonly GemmShape _shape;
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly float[] _c;

    public GemmOperands(GemmShape shape)
    {
        _shape = shape;
        var random = new Random(42);
        _a = GemmThroughput.RandomMatrix(random, (long)shape.M * shape.K);
        _b = GemmThroughput.RandomMatrix(random, (long)shape.K * shape.N);
        _c = new float[shape.M * shape.N];
    }

    /// <summary>The AVX2 kernel run on purpose, to see what machines without AVX-512 get.</summary>
    public const string ManagedAvx2 = "managed-avx2";

    /// <summary>"managed"; "managed-avx2" when it is not already the managed default; "openblas" when it loads.</summary>
    public static IReadOnlyList<string> AvailableBackends { get; } =
    [
        "managed",
        .. GemmMicroKernel.Vector256Kernel.IsSupported && GemmMicroKernel.Best != GemmMicroKernel.Vector256Kernel
            ? new[] { ManagedAvx2 } : [],
        .. OpenBlas.IsAvailable ? new[] { "openblas" } : [],
    ];

    public void Multiply(string backend) => Multiply(ComputeContext.Current, backend);

    /// <summary>The product on <paramref name="backend"/> with <paramref name="compute"/>'s threads.</summary>
    public void Multiply(ComputeContext compute, string backend)
    {
        var s = _shape;
        int lda = s.TransposeA ? s.M : s.K;
        int ldb = s.TransposeB ? s.K : s.N;
        if (backend == Reference)
            GemmReference.Multiply(s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f, _a, lda, _b, ldb, 0f, _c, s.N);
        else if (backend == ManagedAvx2)
            PackedGemm.Multiply(GemmMicroKernel.Vector256Kernel, compute.Threads,
                s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f, _a, lda, _b, ldb, 0f, _c, s.N);
        else
            Gemm.Multiply(compute.On(backend == "openblas" ? GemmBackend.OpenBlas : GemmBackend.Managed),
                s.TransposeA, s.TransposeB, s.M, s.N, s.K, 1f, _a, lda, _b, ldb, 0f, _c, s.N);
    }
}
