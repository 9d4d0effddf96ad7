using System.Text.Json.Nodes;
using SaeLab.Formats.SafeTensors;

namespace SaeLab.Sae;

/// <summary>
/// An SAE saved by EleutherAI sparsify (<c>sparsify/sparse_coder.py</c>, <c>SparseCoder.save_to_disk</c>): a folder with
/// <c>cfg.json</c> (<c>d_in</c>, <c>k</c>, <c>num_latents</c> or <c>expansion_factor</c>, <c>activation</c>, …) and
/// <c>sae.safetensors</c> holding <c>encoder.weight</c> [F, d] and <c>encoder.bias</c> [F] (an nn.Linear),
/// <c>W_dec</c> [F, d] and <c>b_dec</c> [d]. Its encoder sees x − b_dec, takes ReLU(x·Wᵀ + b) and keeps the top k, so
/// it loads as a <see cref="TopKSae"/> with <see cref="DictionarySae.ApplyBDecToInput"/> set. A model's SAEs sit in one
/// sub-folder per hookpoint (<c>layers.4/</c>, …).
/// </summary>
public static class SparsifyFolder
{
    public const string WeightsFileName = "sae.safetensors";

    /// <summary>Loads the sparsify SAE in <paramref name="directory"/>.</summary>
    public static TopKSae Load(string directory)
    {
        string configPath = Path.Combine(directory, SaeCheckpoint.ConfigFileName);
        JsonObject cfg = CfgJson.Read(configPath);
        SaeLensConfig config = ReadConfig(cfg, configPath);
        string weightsPath = Path.Combine(directory, WeightsFileName);
        var weights = new SaeWeights(config, configPath, SafeTensorsFile.Read(weightsPath), weightsPath);
        var sae = new TopKSae(config.DIn, config.DSae, config.K!.Value) { ApplyBDecToInput = true };
        weights.CopyTransposed("encoder.weight", config.DSae, config.DIn, sae.WEnc);
        weights.CopyFeatureVector("encoder.bias", sae.BEnc);
        weights.Copy("W_dec", [config.DSae, config.DIn], sae.WDec);
        weights.Copy("b_dec", [config.DIn], sae.BDec);
        return sae;
    }

    private static SaeLensConfig ReadConfig(JsonObject cfg, string path)
    {
        int dIn = CfgJson.PositiveInt(cfg, "d_in", path);
        int k = CfgJson.PositiveInt(cfg, "k", path);
        int latents = CfgJson.OptionalInt(cfg, "num_latents", path) is int n and > 0 ? n : dIn * CfgJson.PositiveInt(cfg, "expansion_factor", path);
        Refuse(CfgJson.OptionalString(cfg, "activation", path) is string activation && activation != "topk", $"activation '{cfg["activation"]}'", path);
        Refuse(CfgJson.OptionalBool(cfg, "transcode", path) == true, "a transcoder (transcode: true)", path);
        Refuse(CfgJson.OptionalBool(cfg, "skip_connection", path) == true, "a skip connection (skip_connection: true)", path);
        if (k > latents)
        {
            throw SaeLabException.ForFile(path, $"k = {k} exceeds the {latents} latents");
        }

        return new SaeLensConfig(TopKSae.ArchitectureName, dIn, latents, "float32", ApplyBDecToInput: true, "none", k);
    }

    private static void Refuse(bool unsupported, string what, string path)
    {
        if (unsupported)
        {
            throw SaeLabException.ForFile(path, $"{what} is not supported", "SaeLab reads sparsify's TopK sparse autoencoders");
        }
    }
}
