namespace SaeLab.Probing.Sparse;

/// <summary>One binary task of <see cref="SaeBenchSparseProber"/>: its sizes and its probe at each k.</summary>
/// <param name="Task">The task: its class and how many positives and negatives (from which classes) each part holds.</param>
/// <param name="Entries">One probe per k, ascending k, all on the task's parts; features ranked on its training part.</param>
public sealed record BinaryTaskResult(BinaryProbeTask Task, IReadOnlyList<SparseProbeEntry> Entries);
