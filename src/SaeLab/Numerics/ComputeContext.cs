namespace SaeLab.Numerics;

/// <summary>
/// What numeric kernels run on: how many threads a product or a training kernel may split its work across, and which
/// backend computes matrix products (<see cref="Gemm.Multiply"/>). Nothing about it is process-wide and mutable, so two
/// runs in one process (two tests, two experiments) with different thread counts do not affect each other.
/// </summary>
/// <remarks>
/// The training engine's objects (steps, optimiser, kernels) take a context in their constructors: they size their
/// per-thread scratch once and then allocate nothing per step. Work that runs once per call (evaluation, analysis,
/// probing) reads <see cref="Current"/>, the context a command or an experiment opened with <see cref="Use"/> for
/// the code it calls (it flows into tasks it starts, like any <see cref="AsyncLocal{T}"/>).
/// </remarks>
public sealed class ComputeContext
{
    private static readonly AsyncLocal<ComputeContext?> Ambient = new();
    private static ComputeContext? _default;

    internal ComputeContext(int threads, GemmBackend backend)
    {
        if (threads < 1)
        {
            throw new SaeLabException($"The thread count (--threads) must be at least 1, got {threads}.");
        }

        Threads = threads;
        Backend = backend;
    }

    /// <summary>
    /// Every logical processor, and the backend the environment variable <c>SAELAB_BLAS</c> chooses (see <see cref="Gemm"/>).
    /// </summary>
    /// <exception cref="SaeLabException">SAELAB_BLAS names an unknown or unavailable backend.</exception>
    public static ComputeContext Default =>
        _default ??= new ComputeContext(Environment.ProcessorCount, Gemm.SelectBackend(Environment.GetEnvironmentVariable(Gemm.BackendVariable)));

    /// <summary>The context opened by the innermost <see cref="Use"/> of this flow, or <see cref="Default"/>.</summary>
    public static ComputeContext Current => Ambient.Value ?? Default;

    /// <summary>Threads a kernel may split one product or pass across (≥ 1).</summary>
    public int Threads { get; }

    /// <summary>The backend's name: "openblas", or the managed kernel ("managed-avx512", "managed-avx2", "managed-scalar").</summary>
    public string BackendName => Gemm.NameOf(Backend);

    internal GemmBackend Backend { get; }

    /// <summary>This context with <paramref name="threads"/> threads; itself when null (the setting's "all cores" default).</summary>
    /// <exception cref="SaeLabException"><paramref name="threads"/> is less than 1.</exception>
    public ComputeContext WithThreads(int? threads) => threads is int count && count != Threads ? new ComputeContext(count, Backend) : this;

    /// <summary>This context computing its products on <paramref name="backend"/> (benchmarks compare them).</summary>
    internal ComputeContext On(GemmBackend backend) => backend == Backend ? this : new ComputeContext(Threads, backend);

    /// <summary>Makes this the <see cref="Current"/> context until the returned scope is disposed.</summary>
    public Scope Use()
    {
        var scope = new Scope(Ambient.Value);
        Ambient.Value = this;
        return scope;
    }

    /// <summary>Restores the context that was current before <see cref="Use"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ComputeContext? _previous;

        internal Scope(ComputeContext? previous) => _previous = previous;

        public void Dispose() => Ambient.Value = _previous;
    }
}
