using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using SaeLab.Settings;

namespace SaeLab.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors (unknown option or command, unparsable value, bad choice, missing option)
/// into SaeLab's one error line, "error: problem. hint", with a "did you mean" where a known name is close, instead of
/// the parser's help dump and .NET type names.
/// </summary>
internal static class ParseErrorReport
{
    /// <summary>The first parse error of <paramref name="parse"/> as one line; null when the command line parsed (or asks for help).</summary>
    public static string? Describe(ParseResult parse)
    {
        if (parse.Errors.Count == 0 || parse.Action is HelpAction)
        {
            return null;
        }

        CommandResult command = parse.CommandResult;
        string path = CommandPath(command);
        string listing = $"'{path} --help' lists its options";
        if (parse.UnmatchedTokens.Count > 0)
        {
            return Unmatched(parse.UnmatchedTokens[0], command, path, listing);
        }

        ParseError error = parse.Errors[0];
        return error.SymbolResult switch
        {
            ArgumentResult { Parent: OptionResult option } argument => BadValue(option.Option, argument.Tokens, listing),
            OptionResult { IdentifierToken: null } option => $"{path} needs {option.Option.Name}. {listing}",
            OptionResult option => BadValue(option.Option, option.Tokens, listing),
            ArgumentResult { Parent: CommandResult } argument => $"{path} needs argument <{argument.Argument.Name}>. {listing}",
            CommandResult when MissingRequired(command) is { } missing => $"{path} needs {missing.Name}. {listing}",
            CommandResult when MissingArgument(command) is { } missing => $"{path} needs argument <{missing.Name}>. {listing}",
            CommandResult when command.Command.Subcommands.Count > 0 => $"no command given. '{path} --help' lists the commands",
            _ => $"{error.Message.TrimEnd('.')}. {listing}",
        };
    }

    private static string Unmatched(string token, CommandResult command, string path, string listing)
    {
        if (token.StartsWith('-'))
        {
            return WithHint($"unknown option '{token}' for {path}", ClosestName.Suggestion(token, OptionNames(command)), listing);
        }

        if (command.Command.Subcommands.Count > 0)
        {
            var names = command.Command.Subcommands.Select(c => c.Name);
            return WithHint($"unknown command '{token}'", ClosestName.Suggestion(token, names), $"'{path} --help' lists the commands");
        }

        return $"unexpected argument '{token}' for {path}: options take the form --name value. {listing}";
    }

    private static string BadValue(Option option, IReadOnlyList<Token> tokens, string listing)
    {
        if (tokens.Count == 0)
        {
            return $"{option.Name} needs a value. {listing}";
        }

        string typed = tokens[^1].Value;
        string[] choices = LowercaseChoices.EnumType(option.ValueType) is { } type
            ? [.. LowercaseChoices.Names(type)]
            : [.. option.GetCompletions(CompletionContext.Empty).Select(c => c.Label)];
        return choices.Length > 0 && option.ValueType != typeof(bool)
            ? $"{option.Name} takes one of {string.Join(", ", choices)} (got '{typed}'){ClosestName.Suggestion(typed, choices)}"
            : $"{option.Name} takes {ValueDescription(option.ValueType)} (got '{typed}')";
    }

    private static Option? MissingRequired(CommandResult command) =>
        command.Command.Options.FirstOrDefault(o => o.Required && command.GetResult(o) is null);

    // A close name is the better hint; the help listing is the fallback.
    private static string WithHint(string problem, string suggestion, string listing) =>
        suggestion.Length > 0 ? problem + suggestion : $"{problem}. {listing}";

    private static Argument? MissingArgument(CommandResult command) =>
        command.Command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > (command.GetResult(a)?.Tokens.Count ?? 0));

    private static IEnumerable<string> OptionNames(CommandResult command)
    {
        for (SymbolResult? at = command; at is CommandResult scope; at = scope.Parent)
        {
            foreach (Option option in scope.Command.Options.Where(o => at == command || o.Recursive))
            {
                yield return option.Name;
                foreach (string alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is CommandResult scope; at = scope.Parent)
        {
            names.Insert(0, scope.Parent is null ? "saelab" : scope.Command.Name);
        }

        return string.Join(' ', names);
    }

    // In the words of the values users type, not .NET's type names.
    private static string ValueDescription(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        Type t when t == typeof(int) || t == typeof(long) => "a whole number",
        Type t when t == typeof(float) || t == typeof(double) => "a number (e.g. 0.001 or 1e-3)",
        Type t when t == typeof(bool) => "true or false (or no value, meaning true)",
        _ => "a value of another form",
    };
}
