using System.Buffers;
using System.Text.Json.Nodes;
using SaeLab.Numerics;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// What every SAELens-style architecture shares (SAELens <c>sae_lens/saes/sae.py</c>, <c>SAE</c>): an encoder matrix
/// W_enc [d_in, d_sae], a linear decoder x̂ = z·W_dec + b_dec with W_dec [d_sae, d_in], and the optional
/// <c>apply_b_dec_to_input</c> step that feeds x − b_dec to the encoder (<c>process_sae_in</c>). Subclasses supply the
/// encoder's activation and their extra tensors; the architecture table (<c>Training.Architectures.SaeArchitectures</c>) loads them by name.
/// </summary>
public abstract class DictionarySae : ISparseAutoencoder
{
    protected DictionarySae(int dIn, int dSae)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dSae);
        DIn = dIn;
        DSae = dSae;
        WEnc = new float[dIn * dSae];
        WDec = new float[dSae * dIn];
        BDec = new float[dIn];
    }

    public abstract string Architecture { get; }

    public int DIn { get; }

    public int DSae { get; }

    /// <summary>Encoder weights [d_in, d_sae].</summary>
    public float[] WEnc { get; }

    /// <summary>Decoder weights [d_sae, d_in]: row f is feature f's direction.</summary>
    public float[] WDec { get; }

    /// <summary>Decoder bias [d_in].</summary>
    public float[] BDec { get; }

    /// <summary>
    /// SAELens <c>apply_b_dec_to_input</c>: the encoder sees x − b_dec instead of x. The seed's ReLU SAE does not centre
    /// (false); SaeLab's other architectures train centred by default (<c>SaeTrainingConfig.ApplyBDecToInput</c>),
    /// SAELens defaults to true and sparsify always centres.
    /// </summary>
    public bool ApplyBDecToInput { get; set; }

    public void Encode(ReadOnlySpan<float> x, int n, Span<float> codes)
    {
        int inputLength = n * DIn;
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, inputLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(codes.Length, n * DSae);
        if (!ApplyBDecToInput)
        {
            EncodeInput(x[..inputLength], n, codes[..(n * DSae)]);
            return;
        }

        float[] centred = ArrayPool<float>.Shared.Rent(inputLength);
        try
        {
            CentreInput(x, n, centred);
            EncodeInput(centred.AsSpan(0, inputLength), n, codes[..(n * DSae)]);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(centred);
        }
    }

    /// <summary>x̂ [n, d_in] = codes · W_dec + b_dec; sparse codes (the usual case) take the sparse product.</summary>
    public void Decode(ReadOnlySpan<float> codes, int n, Span<float> reconstruction)
    {
        if (!SparseRowProduct.TryAffine(ComputeContext.Current, codes, n, DSae, WDec, DIn, BDec, reconstruction))
        {
            Affine(codes, n, DSae, WDec, DIn, BDec, reconstruction);
        }
    }

    public IReadOnlyList<KeyValuePair<string, HostTensor>> ExportTensors() =>
    [
        new("W_enc", HostTensor.FromFloat32(WEnc, DIn, DSae)),
        .. EncoderTensors(),
        new("W_dec", HostTensor.FromFloat32(WDec, DSae, DIn)),
        new("b_dec", HostTensor.FromFloat32(BDec, DIn)),
    ];

    /// <summary>
    /// Makes an SAE trained on inputs multiplied by <paramref name="inputScale"/> take raw inputs (dictionary_learning's
    /// <c>scale_biases</c>): every encoder of SaeLab's is positively homogeneous in (input, biases, thresholds) and the
    /// decoder is linear, so dividing b_dec and <see cref="InputScaledVectors"/> by the scale gives the same codes
    /// divided by it and the same reconstruction divided by it. The weights, unit-norm decoder rows included, stay.
    /// </summary>
    public void FoldInputScale(float inputScale)
    {
        if (!float.IsFinite(inputScale) || inputScale <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "the input scale must be a finite number > 0");
        }

        foreach (float[] vector in (IEnumerable<float[]>)[BDec, .. InputScaledVectors()])
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, inputScale, vector);
        }
    }

    /// <summary>
    /// W_dec row f *= <paramref name="scale"/>[f]: folds a per-feature factor that multiplies the codes before decoding
    /// into the decoder, so codes stay as they are and x̂ = (z ⊙ scale)·W_dec + b_dec.
    /// </summary>
    public void ScaleDecoderRows(ReadOnlySpan<float> scale)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(scale.Length, DSae);
        for (int f = 0; f < DSae; f++)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(WDec.AsSpan(f * DIn, DIn), scale[f], WDec.AsSpan(f * DIn, DIn));
        }
    }

    /// <summary>The architecture's [d_sae] vectors measured in input units (biases and thresholds of pre-activations), for <see cref="FoldInputScale"/>.</summary>
    protected abstract IEnumerable<float[]> InputScaledVectors();

    /// <summary>
    /// Sets the bias terms of feature <paramref name="feature"/>'s pre-activation to <paramref name="bias"/> (and its other
    /// per-feature gains to their neutral value), for a resampled feature whose encoder column the caller has set;
    /// returns the arrays it changed, whose optimiser state starts afresh.
    /// </summary>
    public abstract IReadOnlyList<float[]> ResetFeatureBias(int feature, float bias);

    /// <summary>cfg.json fields this architecture needs beyond the shared ones (TopK's <c>k</c>).</summary>
    public virtual IEnumerable<KeyValuePair<string, JsonNode?>> ConfigEntries() => [];

    /// <summary>destination [n, d_in] = x − b_dec, row by row: what the encoder sees when <see cref="ApplyBDecToInput"/>.</summary>
    public void CentreInput(ReadOnlySpan<float> x, int n, Span<float> destination)
    {
        for (int row = 0; row < n; row++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(x.Slice(row * DIn, DIn), BDec, destination.Slice(row * DIn, DIn));
        }
    }

    /// <summary>
    /// codes [n, d_sae] from the encoder's input [n, d_in] as a trainer prepared it (x − b_dec when
    /// <see cref="ApplyBDecToInput"/>), so that it need not be centred again.
    /// </summary>
    internal void EncodeEncoderInput(ReadOnlySpan<float> input, int n, Span<float> codes) => EncodeInput(input[..(n * DIn)], n, codes[..(n * DSae)]);

    /// <summary>codes [n, d_sae] from the encoder input [n, d_in] (already centred when <see cref="ApplyBDecToInput"/>).</summary>
    protected abstract void EncodeInput(ReadOnlySpan<float> input, int n, Span<float> codes);

    /// <summary>The architecture's encoder tensors under their SAELens names ([d_sae] vectors: b_enc, threshold, …).</summary>
    protected abstract IEnumerable<KeyValuePair<string, HostTensor>> EncoderTensors();

    /// <summary>Wraps a [d_sae] vector as a tensor.</summary>
    protected HostTensor FeatureVector(float[] values) => HostTensor.FromFloat32(values, DSae);

    /// <summary>
    /// output [n, cols] = input [n, k] · weights [k, cols] + bias [cols] (bias broadcast over rows); an empty
    /// <paramref name="bias"/> means none, and <paramref name="cols"/> is the output width.
    /// </summary>
    protected static void Affine(ReadOnlySpan<float> input, int n, int k, float[] weights, int cols, ReadOnlySpan<float> bias, Span<float> output)
    {
        for (int row = 0; row < n && !bias.IsEmpty; row++)
        {
            bias.CopyTo(output.Slice(row * cols, cols));
        }

        Gemm.Multiply(ComputeContext.Current, false, false, n, cols, k, 1f, input, k, weights, cols, bias.IsEmpty ? 0f : 1f, output, cols);
    }
}
