using SaeLab.Numerics;
using SaeLab.Sae;
using SaeLab.Training.Checkpoints;

namespace SaeLab.Training.Architectures;

/// <summary>
/// BatchTopK SAE training (Bussmann, Leask and Nanda 2024, "BatchTopK Sparse Autoencoders", arXiv:2412.06410, §3;
/// SAELens <c>BatchTopKTrainingSAE</c>; dictionary_learning <c>trainers/batch_top_k.py</c>): the batch keeps its k·B
/// largest ReLU'd pre-activations over all rows, so inputs share a budget of k codes on average; loss = MSE + α·AuxK.
/// Inference cannot see a batch, so a global threshold θ estimates the smallest kept code: the paper's "average over a
/// number of batches of the minimum positive activation value", here the mean over the last
/// <see cref="ThresholdWindow"/> batches. (dictionary_learning keeps an exponential moving average with β = 0.999
/// that starts at step 1000, <c>threshold_start_step</c>, from that batch's smallest kept code; an average with β = 0.999
/// from the first step, as SaeLab first kept, still remembers in a run of a few hundred or thousand steps the first
/// batches, whose codes, before training, are far larger: θ then silences nearly every feature at inference.) The model is
/// the "jumprelu" SAE it infers as, with θ in every feature's <c>threshold</c>, which is how SAELens saves BatchTopK.
/// </summary>
public class BatchTopKTrainingStep : TopKFamilyTrainingStep
{
    public const string Name = "batchtopk";

    /// <summary>Batches whose smallest kept codes the threshold averages.</summary>
    public const int ThresholdWindow = 100;

    private const string MinimaState = "batch_top_k.recent_minima";
    private const string BatchesState = "batch_top_k.batches";

    private readonly float[] _scratch;
    private readonly double[] _recentMinima = new double[ThresholdWindow];
    private long _batches;

    public BatchTopKTrainingStep(SaeTrainingConfig config, ComputeContext compute, int dIn, int dSae, int batchCapacity, Random random)
        : this(NewModel(dIn, dSae, random), config, compute, batchCapacity)
    {
    }

    private BatchTopKTrainingStep(JumpReluSae model, SaeTrainingConfig config, ComputeContext compute, int batchCapacity)
        : base(model, model.BEnc, config, compute, batchCapacity)
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
            _recentMinima[_batches++ % ThresholdWindow] = smallest;
            UpdateThreshold();
        }
    }

    // θ = the mean of the recent minima (summed in slot order, so a resumed run gets the same float).
    private void UpdateThreshold()
    {
        int count = (int)Math.Min(_batches, ThresholdWindow);
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += _recentMinima[i];
        }

        if (count > 0)
        {
            Array.Fill(Jump.Threshold, (float)(sum / count));
        }
    }

    /// <summary>A "jumprelu" model (threshold 0 until the first batch) with tied unit-norm initial weights.</summary>
    private static JumpReluSae NewModel(int dIn, int dSae, Random random)
    {
        var sae = new JumpReluSae(dIn, dSae);
        TiedUnitNormInit.Initialize(sae, random);
        return sae;
    }

    /// <summary>Adds the recent batches' smallest kept codes and the batch count, from which the threshold follows.</summary>
    public override void SaveState(TrainingStepState state)
    {
        base.SaveState(state);
        state.Add(MinimaState, _recentMinima);
        state.Add(BatchesState, [_batches]);
    }

    /// <summary>Restores the recent minima and the model's threshold.</summary>
    public override void RestoreState(TrainingStepState state)
    {
        base.RestoreState(state);
        state.Float64(MinimaState, ThresholdWindow).CopyTo(_recentMinima, 0);
        _batches = state.Int64(BatchesState, 1)[0];
        UpdateThreshold();
    }
}
