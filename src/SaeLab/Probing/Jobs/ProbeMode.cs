using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Sparse;

namespace SaeLab.Probing.Jobs;

/// <summary>What a <see cref="ProbeJob"/> runs.</summary>
public enum ProbeMode
{
    /// <summary>One logistic probe on one split (<see cref="Prober"/>).</summary>
    Single,

    /// <summary>Raw probes at every token × layer (<see cref="AccuracyGrid"/>).</summary>
    Grid,

    /// <summary>Repeated stratified k-fold cross-validation (<see cref="CrossValidator"/>).</summary>
    CrossValidated,

    /// <summary>k-sparse probes, the multiclass protocol (<see cref="SparseProber"/>).</summary>
    KSparse,

    /// <summary>k-sparse probes, SAEBench's protocol (<see cref="SaeBenchSparseProber"/>).</summary>
    SaeBench,

    /// <summary>Raw activations projected onto SAE decoder directions (<see cref="HybridProber"/>).</summary>
    Hybrid,
}
