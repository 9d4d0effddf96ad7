using SaeLab.Probing.Hybrid;

namespace SaeLab.Experiments;

/// <summary>A <c>kind: hybrid</c> probe: its spec and the hybrid with its baselines.</summary>
public sealed record HybridProbeOutcome(ProbeSpec Spec, HybridProbeResult Result);
