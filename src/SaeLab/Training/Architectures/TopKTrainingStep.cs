using SaeLab.Numerics;
using SaeLab.Sae;

namespace SaeLab.Training.Architectures;

/// <summary>
/// TopK SAE training (Gao et al. 2024, "Scaling and evaluating sparse autoencoders", arXiv:2406.04093, §2.3 and
/// §A.2; SAELens <c>TopKTrainingSAE</c>; dictionary_learning <c>trainers/top_k.py</c>): each input keeps its k
/// largest ReLU'd pre-activations, the loss is MSE + α·AuxK. Saved as SAELens "topk" with <c>k</c> in cfg.json.
/// </summary>
public sealed class TopKTrainingStep : TopKFamilyTrainingStep
{
    public const string Name = "topk";

    private readonly float[] _scratch;

    public TopKTrainingStep(SaeTrainingConfig config, ComputeContext compute, int dIn, int dSae, int batchCapacity, Random random)
        : this(NewModel(config, dIn, dSae, random), config, compute, batchCapacity)
    {
    }

    private TopKTrainingStep(TopKSae model, SaeTrainingConfig config, ComputeContext compute, int batchCapacity)
        : base(model, model.BEnc, config, compute, batchCapacity)
    {
        _scratch = new float[model.DSae];
    }

    protected override void Select(Span<float> codes, int batch) =>
        TopKSelection.KeepTopKPerRow(codes, batch, Model.DSae, K, _scratch);

    private static TopKSae NewModel(SaeTrainingConfig config, int dIn, int dSae, Random random)
    {
        var sae = new TopKSae(dIn, dSae, config.K ?? throw new SaeLabException("--arch topk needs --k"));
        TiedUnitNormInit.Initialize(sae, random);
        return sae;
    }
}
