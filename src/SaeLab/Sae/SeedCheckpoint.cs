using SaeLab.Formats.Torch;

namespace SaeLab.Sae;

/// <summary>
/// The seed pipeline's SAE checkpoint (GusSand/CoT_Exploration <c>src/experiments/sae_pilot/2_train_sae.py</c>,
/// <c>train_sae</c>): one <c>torch.save</c> file, <c>sae_weights.pt</c>, holding
/// <c>{'model_state_dict': SparseAutoencoder.state_dict(), 'config': {'input_dim', 'n_features', 'l1_coefficient'},
/// 'training_info': {...}}</c>. <c>SparseAutoencoder</c> is two nn.Linear layers: <c>encoder.weight</c> [F, d],
/// <c>encoder.bias</c> [F], <c>decoder.weight</c> [d, F], <c>decoder.bias</c> [d], with z = ReLU(x·encoder.weightᵀ +
/// encoder.bias) and x̂ = z·decoder.weightᵀ + decoder.bias. That is a <see cref="ReluSae"/> that does not centre its
/// input (no b_dec subtraction). The decoder was initialised as <c>encoder.weight.t().clone()</c>, which keeps the
/// transposed strides, so <c>decoder.weight</c> is saved as a non-contiguous view; <see cref="TorchFile"/> gathers it.
/// <c>training_info</c> is not needed for inference and is not read.
/// </summary>
public static class SeedCheckpoint
{
    public const string FileName = "sae_weights.pt";

    private const string Expected = "the seed's checkpoint {'model_state_dict': ..., 'config': {'input_dim', 'n_features', ...}}";

    /// <summary>Loads the seed checkpoint file <paramref name="path"/>.</summary>
    public static ReluSae Load(string path)
    {
        PickleDict checkpoint = TorchStateDict.ReadDict(path, Expected);
        PickleDict config = TorchStateDict.Dict(checkpoint, "config", path);
        int dIn = TorchStateDict.PositiveInt(config, "input_dim", path);
        int dSae = TorchStateDict.PositiveInt(config, "n_features", path);
        var weights = new SaeWeights(
            new SaeLensConfig(ReluSae.ArchitectureName, dIn, dSae, "float32", ApplyBDecToInput: false, "none", K: null),
            path,
            TorchStateDict.Tensors(TorchStateDict.Dict(checkpoint, "model_state_dict", path), path),
            path);
        var sae = new ReluSae(dIn, dSae) { ApplyBDecToInput = false };
        weights.CopyTransposed("encoder.weight", dSae, dIn, sae.WEnc);
        weights.CopyFeatureVector("encoder.bias", sae.BEnc);
        weights.CopyTransposed("decoder.weight", dIn, dSae, sae.WDec);
        weights.Copy("decoder.bias", [dIn], sae.BDec);
        return sae;
    }
}
