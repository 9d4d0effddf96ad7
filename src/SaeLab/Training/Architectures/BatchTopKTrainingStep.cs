using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// BatchTopK SAE training (Bussmann, Leask and Nanda 2024, "BatchTopK Sparse Autoencoders", arXiv:2412.06410, §3;
/// SAELens <c>BatchTopKTrainingSAE</c>; dictionary_learning <c>trainers/batch_top_k.py</c>): the batch keeps its k·B
/// largest ReLU'd pre-activations over all rows, so inputs share a budget of k codes on average; loss = MSE + α·AuxK.
/// Inference cannot see a batch, so a global threshold θ estimates the smallest kept code (an exponential moving
/// average, β = 0.999, of each batch's smallest positive kept code, as dictionary_learning keeps it). The model is
/// the "jumprelu" SAE it infers as, with θ in every feature's <c>threshold</c>, which is how SAELens saves BatchTopK.
/// </summary>
public class BatchTopKTrainingStep : TopKFamilyTrainingStep
{
    public const string Name = "batchtopk";

    /// <summary>Weight of the old estimate in the threshold's moving average.</summary>
    public const double ThresholdDecay = 0.999;

    private readonly float[] _scratch;
    private double _threshold = double.NaN;

    public BatchTopKTrainingStep(SaeTrainingConfig config, int dIn, int dSae, int batchCapacity, Random random)
        : this(NewModel(dIn, dSae, random), config, batchCapacity)
    {
    }

    private BatchTopKTrainingStep(JumpReluSae model, SaeTrainingConfig config, int batchCapacity)
        : base(model, model.BEnc, config, batchCapacity)
    {
        Jump = model;
        _scratch = new float[checked(batchCapacity * model.DSae)];
    }

    /// <summary>The model with its inference threshold.</summary>
    protected JumpReluSae Jump { get; }

    protected override void Select(Span<float> codes, int batch)
    {
        TopKSelection.KeepTopK(codes, Math.Min(K * batch, codes.Length), _scratch);
        float smallest = float.PositiveInfinity;
        foreach (float z in codes)
        {
            smallest = z > 0 && z < smallest ? z : smallest;
        }

        if (float.IsFinite(smallest))
        {
            _threshold = double.IsNaN(_threshold) ? smallest : ThresholdDecay * _threshold + (1 - ThresholdDecay) * smallest;
            Array.Fill(Jump.Threshold, (float)_threshold);
        }
    }

    /// <summary>A "jumprelu" model (threshold 0 until the first batch) with tied unit-norm initial weights.</summary>
    private static JumpReluSae NewModel(int dIn, int dSae, Random random)
    {
        var sae = new JumpReluSae(dIn, dSae);
        TiedUnitNormInit.Initialize(sae, random);
        return sae;
    }

    /// <summary>Adds the running threshold (in double, as it is kept; NaN before the first batch).</summary>
    public override void SaveState(TrainingStepState state)
    {
        base.SaveState(state);
        state.Add(ThresholdState, [_threshold]);
    }

    /// <summary>Restores the running threshold and the model's copy of it.</summary>
    public override void RestoreState(TrainingStepState state)
    {
        base.RestoreState(state);
        _threshold = state.Float64(ThresholdState, 1)[0];
        if (!double.IsNaN(_threshold))
        {
            Array.Fill(Jump.Threshold, (float)_threshold);
        }
    }

    private const string ThresholdState = "batch_top_k.threshold";
}
