using System.CommandLine;
using SaeLab.Data;

namespace SaeLab.Cli.Commands;

/// <summary>
/// The flags that map onto <see cref="ActivationLoadOptions"/>, for every command that reads activations.
/// Defaults stay in the options record: an absent flag leaves the record's default.
/// </summary>
internal sealed class ActivationLoadFlags
{
    /// <summary>The help text of a command's <c>--data</c> activation file, one wording for every command that takes one.</summary>
    public const string DataDescription = "Activation file: .safetensors, .pt, .npy or .npz (see docs/formats.md)";

    private readonly Option<string?> _activationsKey = new("--activations-key")
    {
        Description = "Name of the [N, d] activations tensor, or a dotted path in a .pt (data.acts) [default: activations]",
    };

    private readonly Option<string?> _metadataKey = new("--metadata-key")
    {
        Description = "Dotted path of the .pt dict holding metadata columns [default: metadata, if present]",
    };

    private readonly Option<string?> _metadataFile = new("--metadata")
    {
        Description = "Side file of metadata columns: JSON object of column -> array, or CSV with a header row",
    };

    private readonly Option<string?> _problemKey = new("--problem-key")
    {
        Description = "Metadata column with each vector's problem id (whole numbers, or strings numbered by first appearance) [default: problems]",
    };

    private readonly Option<string?> _layerKey = new("--layer-key")
    {
        Description = "Metadata column with each vector's layer [default: layers]",
    };

    private readonly Option<string?> _tokenKey = new("--token-key")
    {
        Description = "Metadata column with each vector's token position [default: tokens]",
    };

    private readonly Option<bool> _skipNonFinite = new("--skip-nonfinite")
    {
        Description = "Drop activation vectors holding NaN or Inf (and their metadata) instead of refusing the file; a note on stderr says how many",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_activationsKey);
        command.Options.Add(_metadataKey);
        command.Options.Add(_metadataFile);
        command.Options.Add(_problemKey);
        command.Options.Add(_layerKey);
        command.Options.Add(_tokenKey);
        command.Options.Add(_skipNonFinite);
    }

    /// <summary>The options the parsed flags describe.</summary>
    public ActivationLoadOptions Read(ParseResult parse)
    {
        ActivationLoadOptions options = ActivationLoadOptions.Default with
        {
            MetadataKey = parse.GetValue(_metadataKey),
            MetadataPath = parse.GetValue(_metadataFile),
            ProblemKey = parse.GetValue(_problemKey),
            LayerKey = parse.GetValue(_layerKey),
            TokenKey = parse.GetValue(_tokenKey),
            SkipNonFinite = parse.GetValue(_skipNonFinite),
            Notify = note => parse.InvocationConfiguration.Error.WriteLine("note: " + note),
        };
        return parse.GetValue(_activationsKey) is string key ? options with { ActivationsKey = key } : options;
    }
}
