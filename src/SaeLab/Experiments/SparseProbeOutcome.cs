using SaeLab.Probing.Sparse;

namespace SaeLab.Experiments;

/// <summary>A <c>kind: k-sparse</c> probe: its spec and the probe at each k.</summary>
public sealed record SparseProbeOutcome(ProbeSpec Spec, SparseProbeResult Result);
