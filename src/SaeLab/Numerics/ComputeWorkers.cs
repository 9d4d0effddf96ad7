using System.Runtime.ExceptionServices;

namespace SaeLab.Numerics;

/// <summary>Work split into numbered parts that <see cref="ComputeWorkers"/> runs on separate threads.</summary>
internal interface IParallelJob
{
    /// <summary>Runs part <paramref name="part"/> (0-based); parts must not write to the same memory.</summary>
    void RunPart(int part);
}

/// <summary>
/// Persistent background threads for numeric kernels. The caller runs part 0 itself and waits for the rest, so
/// a call costs two wake-ups and allocates nothing (unlike Parallel.For). One job runs at a time; a call that
/// arrives while another is running (another thread, or a nested call) runs its parts serially instead.
/// </summary>
internal static class ComputeWorkers
{
    private static readonly Lock Gate = new();
    private static readonly List<Worker> Workers = [];
    private static readonly CountdownEvent Pending = new(0);

    /// <summary>Runs parts 0 .. <paramref name="parts"/> − 1 of <paramref name="job"/>, in parallel when it can.</summary>
    public static void Run(int parts, IParallelJob job)
    {
        if (parts <= 1 || !Gate.TryEnter())
        {
            for (int part = 0; part < parts; part++)
                job.RunPart(part);
            return;
        }

        try
        {
            RunOnWorkers(parts, job);
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>
    /// Starts the workers a job of <paramref name="parts"/> parts needs, now rather than at its first run, so that an
    /// object created for a context (a training step) allocates nothing when it later runs its jobs.
    /// </summary>
    public static void Reserve(int parts)
    {
        lock (Gate)
        {
            AddWorkers(parts);
        }
    }

    private static void AddWorkers(int parts)
    {
        while (Workers.Count < parts - 1)
            Workers.Add(new Worker(Workers.Count + 1));
    }

    private static void RunOnWorkers(int parts, IParallelJob job)
    {
        AddWorkers(parts);

        Pending.Reset(parts - 1);
        for (int part = 1; part < parts; part++)
            Workers[part - 1].Start(job);

        job.RunPart(0);
        Pending.Wait();
        for (int part = 1; part < parts; part++)
            Workers[part - 1].ThrowIfFailed();
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly int _part;
        private IParallelJob? _job;
        private ExceptionDispatchInfo? _failure;

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"SaeLab compute {part}" }.Start();
        }

        public void Start(IParallelJob job)
        {
            _job = job;
            _start.Release();
        }

        public void ThrowIfFailed()
        {
            var failure = _failure;
            _failure = null;
            failure?.Throw();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                try
                {
                    _job!.RunPart(_part);
                }
                catch (Exception exception)
                {
                    _failure = ExceptionDispatchInfo.Capture(exception);
                }
                finally
                {
                    _job = null;
                    Pending.Signal();
                }
            }
        }
    }
}
