using SaeLab.Formats.SafeTensors;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// An SAE's config and its tensors (a safetensors file's, or a torch state_dict's), with shape-checked copies into an
/// architecture's arrays. Any float dtype (float32, float16, bfloat16, float64) is converted to float32.
/// </summary>
public sealed class SaeWeights(SaeLensConfig config, string configPath, SafeTensorsContents tensors, string weightsPath)
{
    public SaeLensConfig Config { get; } = config;

    /// <summary>The file the config came from (cfg.json, config.json, or the checkpoint holding both), for messages.</summary>
    public string ConfigPath { get; } = configPath;

    /// <summary>The weights file, for messages.</summary>
    public string WeightsPath { get; } = weightsPath;

    /// <summary>Copies W_enc [d_in, d_sae], W_dec [d_sae, d_in] and b_dec [d_in] into <paramref name="sae"/>.</summary>
    public void CopyShared(DictionarySae sae)
    {
        Copy("W_enc", [Config.DIn, Config.DSae], sae.WEnc);
        Copy("W_dec", [Config.DSae, Config.DIn], sae.WDec);
        Copy("b_dec", [Config.DIn], sae.BDec);
    }

    /// <summary>Copies the [d_sae] tensor <paramref name="name"/> into <paramref name="destination"/>.</summary>
    public void CopyFeatureVector(string name, float[] destination) => Copy(name, [Config.DSae], destination);

    /// <summary>Copies tensor <paramref name="name"/> into <paramref name="destination"/> after checking its shape.</summary>
    public void Copy(string name, long[] shape, float[] destination) => Read(name, shape).CopyTo(destination, 0);

    /// <summary>
    /// destination [cols, rows] = tensor <paramref name="name"/> [rows, cols]ᵀ: an nn.Linear's weight is [out, in],
    /// SaeLab's W_enc is [d_in, d_sae] and W_dec [d_sae, d_in].
    /// </summary>
    public void CopyTransposed(string name, int rows, int cols, float[] destination)
    {
        float[] source = Read(name, [rows, cols]);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                destination[c * rows + r] = source[r * cols + c];
            }
        }
    }

    /// <summary>The 0-d tensor <paramref name="name"/> (a registered buffer such as TopK's <c>k</c>), of any numeric dtype.</summary>
    public float ReadScalar(string name)
    {
        HostTensor tensor = Find(name);
        return tensor.Rank == 0
            ? tensor.ToFloat32()[0]
            : throw SaeLabException.ForFile(WeightsPath, $"tensor '{name}' has shape {tensor.ShapeText}, expected a scalar []");
    }

    /// <summary>Tensor <paramref name="name"/> as float32 values after checking its shape and dtype.</summary>
    public float[] Read(string name, long[] shape)
    {
        HostTensor tensor = Find(name);
        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw SaeLabException.ForFile(WeightsPath, $"tensor '{name}' has shape {tensor.ShapeText}, {Path.GetFileName(ConfigPath)} implies [{string.Join(", ", shape)}]");
        }

        return DTypeInfo.IsFloat(tensor.DType)
            ? tensor.ToFloat32()
            : throw SaeLabException.ForFile(WeightsPath, $"tensor '{name}' is {DTypeInfo.DisplayName(tensor.DType)}, not a float type");
    }

    /// <summary>The 1-d integer tensor <paramref name="name"/> (a buffer such as Matryoshka's <c>group_sizes</c>).</summary>
    public long[] ReadIntegerVector(string name)
    {
        HostTensor tensor = Find(name);
        return tensor.Rank == 1 && !DTypeInfo.IsFloat(tensor.DType)
            ? tensor.ToInt64()
            : throw SaeLabException.ForFile(WeightsPath, $"tensor '{name}' is {DTypeInfo.DisplayName(tensor.DType)}{tensor.ShapeText}, expected a 1-d integer tensor");
    }

    private HostTensor Find(string name) =>
        tensors.Find(name) ?? throw SaeLabException.ForFile(WeightsPath, $"missing tensor '{name}'", $"a {Config.Architecture} SAE needs it");
}
