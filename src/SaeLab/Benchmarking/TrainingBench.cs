using System.Diagnostics;
using System.Globalization;
using SaeLab.Data;
using SaeLab.Numerics;
using SaeLab.Synthetic;
using SaeLab.Training;

namespace SaeLab.Benchmarking;

/// <summary>
/// Measures the training engine against this machine's own limits: memory bandwidth and sgemm rate first, then
/// each workload trained for a few epochs on generated seed-shaped data, its steady epoch compared with the
/// <see cref="EpochFloor"/> those rates allow.
/// </summary>
public static class TrainingBench
{
    private const int RateAttempts = 3;

    /// <summary>Runs the benchmark; <paramref name="log"/> hears what is being measured.</summary>
    public static BenchReport Run(BenchConfig config, IProgress<string>? log = null)
    {
        config.Validate();
        ComputeContext compute = ComputeContext.Current.WithThreads(config.Threads);
        double? load = LoadAverage();
        log?.Report($"generating {config.Data.VectorCount} vectors of d = {config.Dim}");
        ActivationSet data = SyntheticActivationGenerator.Generate(config.Data).Set;
        log?.Report("measuring memory bandwidth");
        double bandwidth = Best(() => MemoryBandwidth.Measure(compute, config.MeasureSeconds).GBPerSecond);
        var results = new List<WorkloadResult>();
        foreach (BenchWorkload workload in config.Workloads)
        {
            results.Add(RunWorkload(compute, data, workload, config, bandwidth, log));
        }

        return new BenchReport(config.Architecture, compute.Threads, Environment.ProcessorCount, compute.BackendName, load, bandwidth, results);
    }

    private static WorkloadResult RunWorkload(ComputeContext compute, ActivationSet data, BenchWorkload workload, BenchConfig config, double bandwidth, IProgress<string>? log)
    {
        int batch = Math.Min(config.BatchSize, data.Count);
        log?.Report($"{workload.Name}: measuring sgemm on {batch} x {data.Dim} . {data.Dim} x {workload.Features}");
        double sgemm = Best(() => GemmThroughput.Measure(compute, batch, workload.Features, data.Dim, false, false, config.MeasureSeconds).GFlopsPerSecond);
        SaeTrainingConfig training = config.TrainingFor(workload);
        log?.Report($"{workload.Name}: training {config.Epochs} epochs");
        GcCollections before = GcCollections.Now();
        TrainingResult result = SaeTrainer.Train(data, training, log is null ? null : new EpochLog(workload.Name, log));
        GcCollections collections = GcCollections.Now().Since(before);

        EpochStats steady = SteadyEpoch(result.Epochs);
        EpochFloor floor = EpochFloor.For(data.Count, config.BatchSize, data.Dim, workload.Features, steady.L0, sgemm, bandwidth);
        return new WorkloadResult(
            workload, data.Count, data.Dim, config.BatchSize, result.Epochs, sgemm, steady.Epoch, floor, steady.Seconds / floor.Seconds,
            data.Count / steady.Seconds, 10.0 * data.Dim * workload.Features * data.Count / steady.Seconds / 1e9,
            result.Seconds, Process.GetCurrentProcess().PeakWorkingSet64, collections);
    }

    /// <summary>
    /// The best of <see cref="RateAttempts"/> measurements of a rate: other work on the machine only ever slows a
    /// run down, and the steady epoch is the fastest one too, so floor and epoch are both best cases.
    /// </summary>
    private static double Best(Func<double> measure) => Enumerable.Range(0, RateAttempts).Max(_ => measure());

    /// <summary>The fastest all-sparse epoch (the codes have settled), or the last epoch if none was all sparse.</summary>
    private static EpochStats SteadyEpoch(IReadOnlyList<EpochStats> epochs)
    {
        var sparse = epochs.Where(e => e.SparseSteps == e.Steps).ToList();
        return sparse.Count > 0 ? sparse.MinBy(e => e.Seconds) : epochs[^1];
    }

    // Forwards each completed epoch as a line, on the training thread (Progress<T> would post it elsewhere, late).
    private sealed class EpochLog(string workload, IProgress<string> log) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is EpochStats e)
            {
                log.Report(string.Create(
                    CultureInfo.InvariantCulture, $"{workload}: epoch {e.Epoch} {e.Seconds:F2} s, l0 {e.L0:F1}, sparse steps {e.SparseSteps}/{e.Steps}"));
            }
        }
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    private static double? LoadAverage()
    {
        const string Path = "/proc/loadavg";
        if (!File.Exists(Path))
        {
            return null;
        }

        string first = File.ReadAllText(Path).Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }
}
