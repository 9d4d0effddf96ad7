using SaeLab.Probing.Sparse;

namespace SaeLab.Experiments;

/// <summary>A <c>kind: k-sparse</c> probe with <c>protocol: saebench</c>: its spec and every task's probe at each k.</summary>
public sealed record SaeBenchProbeOutcome(ProbeSpec Spec, SaeBenchProbeResult Result);
