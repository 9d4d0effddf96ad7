using SaeLab.Sae;
using SaeLab.Training.Checkpoints;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Architectures;

/// <summary>The seed's <see cref="ReluSaeTrainingStep"/> (with its PyTorch-style initialisation) behind <see cref="ISaeTrainingStep"/>.</summary>
public sealed class ReluTrainingStepAdapter : ISaeTrainingStep
{
    private readonly ReluSaeTrainingStep _step;
    private readonly ReluSae _sae;

    public ReluTrainingStepAdapter(SaeTrainingConfig config, int dIn, int dSae, int batchCapacity, Random random)
    {
        _sae = new ReluSae(dIn, dSae) { ApplyBDecToInput = config.ResolveApplyBDecToInput() };
        PyTorchLinearInit.Initialize(_sae, random);
        _step = new ReluSaeTrainingStep(_sae, config.L1, config.LearningRate, batchCapacity, config.Methods.L1DecoderNorm, config.ResolveSumsOverDimensions());
    }

    public DictionarySae Model => _sae;

    public TrainingPath LastPath => _step.LastPath;

    /// <inheritdoc/>
    public ReadOnlySpan<float> LastCodes => _step.LastCodes;

    /// <inheritdoc/>
    public AdamOptimizer Optimizer => _step.Optimizer;

    /// <inheritdoc/>
    public double SparsityScale
    {
        get => _step.SparsityScale;
        set => _step.SparsityScale = value;
    }

    /// <inheritdoc/>
    public ICodeLoss? CodeLoss
    {
        get => _step.CodeLoss;
        set => _step.CodeLoss = value;
    }

    public BatchLoss Step(ReadOnlySpan<float> values, ReadOnlySpan<int> rows) => _step.Step(values, rows);

    /// <inheritdoc/>
    public void SaveState(TrainingStepState state) => _step.SaveState(state);

    /// <inheritdoc/>
    public void RestoreState(TrainingStepState state) => _step.RestoreState(state);
}
