using System.CommandLine;

namespace SaeLab.Cli;

/// <summary>
/// Shows the choices of enum-valued options in lowercase, the form the help text, the docs and users write them in
/// (System.CommandLine prints the enum's member names and parses them case-insensitively).
/// </summary>
internal static class LowercaseChoices
{
    /// <summary>Sets the help name of every enum option under <paramref name="command"/>.</summary>
    public static void Apply(Command command)
    {
        foreach (Option option in command.Options)
        {
            if (EnumType(option.ValueType) is { } type)
            {
                option.HelpName = string.Join('|', Names(type));
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            Apply(subcommand);
        }
    }

    /// <summary>The enum behind <paramref name="valueType"/> (nullable or not), or null.</summary>
    public static Type? EnumType(Type valueType) =>
        (Nullable.GetUnderlyingType(valueType) ?? valueType) is { IsEnum: true } type ? type : null;

    /// <summary>The members of <paramref name="type"/> as users type them.</summary>
    public static IEnumerable<string> Names(Type type) => Enum.GetNames(type).Select(name => name.ToLowerInvariant());
}
