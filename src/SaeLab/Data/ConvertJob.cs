using SaeLab.Tensors;

namespace SaeLab.Data;

/// <summary>
/// One conversion, as <c>saelab convert</c> asks for it: read an activation file (with its metadata columns and info
/// dict) and write it as safetensors or .npz. The CLI maps its flags onto this record and prints the returned
/// <see cref="ActivationFile"/>'s shape and columns.
/// </summary>
public sealed record ConvertJob
{
    /// <summary>The activation file to read, in any format <see cref="ActivationLoader"/> reads.</summary>
    public required string Input { get; init; }

    /// <summary>The file to write.</summary>
    public required string Output { get; init; }

    /// <summary>How <see cref="Input"/> is read.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>The format to write; null for the one <see cref="Output"/>'s extension names.</summary>
    public ActivationFileFormat? Format { get; init; }

    /// <summary>The activations' element type (float32, float16 or bfloat16); null for float32.</summary>
    public DType? ElementType { get; init; }

    /// <summary>Throws a <see cref="SaeLabException"/> when the output's format is not writable or cannot hold the element type.</summary>
    public void Validate()
    {
        Load.Validate();
        ActivationWriter.TargetFormat(Output, Format, ElementType);
    }

    /// <summary>Reads <see cref="Input"/> and writes <see cref="Output"/>; returns the file as read.</summary>
    public ActivationFile Run()
    {
        Validate();
        ActivationFile file = ActivationLoader.Open(Input, Load);
        ActivationWriter.Write(file.Set, Output, Format, file.Info, ElementType);
        return file;
    }
}
