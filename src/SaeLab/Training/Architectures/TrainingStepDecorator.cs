using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Kernels;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Architectures;

/// <summary>
/// A training step around another (the training methods, supervision): everything but <see cref="Step"/> passes through
/// to <see cref="Inner"/> unless the decorator adds to it.
/// </summary>
public abstract class TrainingStepDecorator(ISaeTrainingStep inner) : ISaeTrainingStep
{
    /// <summary>The step this one wraps.</summary>
    protected ISaeTrainingStep Inner { get; } = inner;

    /// <inheritdoc/>
    public DictionarySae Model => Inner.Model;

    /// <inheritdoc/>
    public ComputeContext Compute => Inner.Compute;

    /// <inheritdoc/>
    public AdamOptimizer Optimizer => Inner.Optimizer;

    /// <inheritdoc/>
    public double SparsityScale
    {
        get => Inner.SparsityScale;
        set => Inner.SparsityScale = value;
    }

    /// <inheritdoc/>
    public virtual ICodeLoss? CodeLoss
    {
        get => Inner.CodeLoss;
        set => Inner.CodeLoss = value;
    }

    /// <inheritdoc/>
    public ReadOnlySpan<float> LastCodes => Inner.LastCodes;

    /// <inheritdoc/>
    public TrainingPath LastPath => Inner.LastPath;

    /// <inheritdoc/>
    public abstract BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows);

    /// <inheritdoc/>
    public virtual void SaveState(TrainingStepState state) => Inner.SaveState(state);

    /// <inheritdoc/>
    public virtual void RestoreState(TrainingStepState state) => Inner.RestoreState(state);
}
