using System.Text.Json;
using SaeLab.Formats;
using SaeLab.Formats.SafeTensors;
using SaeLab.Numerics;
using SaeLab.Tensors;
using SaeLab.Training.Architectures;

namespace SaeLab.Training.Supervised;

/// <summary>
/// A linear classifier on SAE codes: logits = z·W_head + b_head, p = softmax(logits), with W_head [d_sae, classes]
/// and b_head [classes]; saved as <c>head.safetensors</c> beside the SAE (the class names in its metadata), so the
/// SAE folder itself still loads as a plain SAELens SAE.
/// </summary>
public sealed class LinearHead
{
    public const string FileName = "head.safetensors";
    private const string ClassesKey = "classes";

    public LinearHead(int dSae, IReadOnlyList<string> classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dSae);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes.Count, 2);
        DSae = dSae;
        Classes = [.. classes];
        W = new float[checked(dSae * Classes.Length)];
        B = new float[Classes.Length];
    }

    public int DSae { get; }

    /// <summary>Class names; output c is <c>Classes[c]</c>.</summary>
    public string[] Classes { get; }

    /// <summary>W_head [d_sae, classes].</summary>
    public float[] W { get; }

    /// <summary>b_head [classes].</summary>
    public float[] B { get; }

    /// <summary>
    /// PyTorch's <c>nn.Linear(d_sae, classes)</c> default, as <see cref="PyTorchLinearInit"/> draws the SAE's:
    /// weights and bias from U(−1/√d_sae, 1/√d_sae).
    /// </summary>
    public void Initialize(Random random)
    {
        double bound = 1 / Math.Sqrt(DSae);
        foreach (float[] values in (float[][])[W, B])
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((2 * random.NextDouble() - 1) * bound);
            }
        }
    }

    /// <summary>logits [n, classes] = codes [n, d_sae] · W_head + b_head, on <paramref name="compute"/>.</summary>
    public void Logits(ComputeContext compute, ReadOnlySpan<float> codes, int n, Span<float> logits)
    {
        int c = Classes.Length;
        for (int row = 0; row < n; row++)
        {
            B.CopyTo(logits.Slice(row * c, c));
        }

        Gemm.Multiply(compute, false, false, n, c, DSae, 1f, codes, DSae, W, c, 1f, logits, c);
    }

    /// <summary>Writes <c>head.safetensors</c> (W_head, b_head; the classes as JSON in the metadata) into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        SafeTensorsFile.Write(
            Path.Combine(directory, FileName),
            [new("W_head", HostTensor.FromFloat32(W, DSae, Classes.Length)), new("b_head", HostTensor.FromFloat32(B, Classes.Length))],
            new Dictionary<string, string> { [ClassesKey] = JsonSerializer.Serialize(Classes) });
    }

    /// <summary>Reads the head saved in <paramref name="directory"/>, checking its shapes against each other.</summary>
    public static LinearHead Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        string[] classes = ReadClasses(contents, path);
        HostTensor w = Tensor(contents, "W_head", path);
        HostTensor b = Tensor(contents, "b_head", path);
        if (w.Shape.Length != 2 || w.Shape[1] != classes.Length || w.Shape[0] < 1 || b.Shape.Length != 1 || b.Shape[0] != classes.Length)
        {
            throw new FileFormatException(
                path, $"W_head is [{string.Join(", ", w.Shape)}] and b_head [{string.Join(", ", b.Shape)}] for {classes.Length} classes",
                "expected W_head [d_sae, classes] and b_head [classes]");
        }

        var head = new LinearHead((int)w.Shape[0], classes);
        w.ToFloat32().CopyTo(head.W, 0);
        b.ToFloat32().CopyTo(head.B, 0);
        return head;
    }

    private static string[] ReadClasses(SafeTensorsContents contents, string path) =>
        contents.Metadata.TryGetValue(ClassesKey, out string? json) && ParseClasses(json) is { Length: >= 2 } classes
            ? classes
            : throw new FileFormatException(path, "the metadata has no list of two or more class names under 'classes'", "save the head with LinearHead.Save");

    private static string[]? ParseClasses(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HostTensor Tensor(SafeTensorsContents contents, string name, string path) =>
        contents.Find(name) ?? throw new FileFormatException(path, $"no tensor '{name}'", "a head file holds W_head and b_head");
}
