namespace SaeLab.Tests;

/// <summary>
/// Tests that must not overlap others: they count this thread's allocations, and a test running beside them may change
/// the process-wide <c>ComputeThreads.Count</c>, so that a step creates a compute worker (an allocation) mid-measurement.
/// xunit runs this collection after the parallel ones, on its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
