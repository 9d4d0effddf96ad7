namespace SaeLab.Settings;

/// <summary>
/// Declares a config record's property as a setting: its command-line flag and its help, the one place either is
/// written. Experiment files read it under the property's snake_case name, and its default is the record's own
/// initial value, so neither the CLI nor the experiment reader restates one.
/// </summary>
/// <param name="flag">The command-line flag, e.g. <c>--batch-size</c>.</param>
/// <param name="help">One line of help; <c>{choices}</c> stands for <see cref="Choices"/>'s values.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string flag, string help) : Attribute
{
    public string Flag => flag;

    public string Help => help;

    /// <summary>What help shows as the default where the initial value is null or depends on others ("all cores"); null: the initial value.</summary>
    public string? DefaultText { get; init; }

    /// <summary>The name of a static list property of the record whose values <c>{choices}</c> lists.</summary>
    public string? Choices { get; init; }

    /// <summary>The value is a float element type (<see cref="Tensors.DType"/>), written f32, f16 or bf16 (<see cref="Formats.FloatEncoding"/>).</summary>
    public bool FloatType { get; init; }

    /// <summary>The value is a size in bytes, given as <c>512MB</c>, <c>2GB</c> or a byte count (<see cref="ByteSize.Parse"/>).</summary>
    public bool Bytes { get; init; }

    /// <summary>The property this one replaces when given (<c>--features</c> clears <c>--expansion</c>, and back).</summary>
    public string? Replaces { get; init; }
}
