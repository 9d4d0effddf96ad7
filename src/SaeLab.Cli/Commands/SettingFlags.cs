using System.CommandLine;
using SaeLab.Formats;
using SaeLab.Settings;

namespace SaeLab.Cli.Commands;

/// <summary>
/// One command-line option per declared setting of <typeparamref name="T"/> (<see cref="SettingTable{T}"/>), named,
/// described and defaulted by the record's declaration; <see cref="Read"/> lays the options given over a baseline.
/// </summary>
/// <param name="usedWith">What the options apply to, put before each help line ("With --vectors train|test: …"); null for nothing.</param>
/// <param name="only">The properties whose options a command takes, where it takes some of the record's only; null for all.</param>
internal sealed class SettingFlags<T>(string? usedWith = null, IReadOnlyCollection<string>? only = null) where T : class, new()
{
    private readonly IReadOnlyList<(Setting Setting, Option Option)> _flags =
        [.. SettingTable<T>.All.Where(setting => only is null || only.Contains(setting.Name)).Select(setting => (setting, OptionFor(setting, usedWith)))];

    /// <summary>Adds the options to <paramref name="command"/>, in the record's order.</summary>
    public void AddTo(Command command)
    {
        foreach (var (_, option) in _flags)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any of the options was given.</summary>
    public bool AnyGiven(ParseResult parse) => _flags.Any(flag => parse.GetResult(flag.Option) is not null);

    /// <summary>Whether the option of property <paramref name="name"/> was given.</summary>
    public bool Given(ParseResult parse, string name) => _flags.Any(flag => flag.Setting.Name == name && parse.GetResult(flag.Option) is not null);

    /// <summary>
    /// <paramref name="baseline"/> (the defaults for a fresh run, a checkpoint's settings on resume) with every option given
    /// set; a given setting clears the one it replaces unless that is given too (then the config's check names both).
    /// </summary>
    public T Read(ParseResult parse, T baseline)
    {
        var given = _flags.Where(flag => parse.GetResult(flag.Option) is not null).ToList();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (setting, _) in given)
        {
            if (setting.Replaces is { } replaced)
            {
                values.TryAdd(replaced, null);
            }
        }

        foreach (var (setting, option) in given)
        {
            values[setting.Name] = ValueOf(parse, setting, option);
        }

        return SettingTable<T>.With(baseline, values);
    }

    private static object? ValueOf(ParseResult parse, Setting setting, Option option) =>
        setting.ValueType == typeof(int[]) ? CommaSeparatedIntegers.Parse(parse.GetValue((Option<string?>)option)!, setting.Flag, "128,512,1024")
        : setting.IsByteSize ? ByteSize.Parse(parse.GetValue((Option<string?>)option)!, setting.Flag)
        : setting.IsFloatType ? FloatEncoding.Parse(parse.GetValue((Option<string?>)option)!, setting.Flag)
        : parse.GetResult(option)!.GetValueOrDefault<object?>();

    // int[] settings are one comma-separated value, sizes a number with a unit and float types a short name; every other
    // type is the option's own, nullable so "not given" is distinct.
    private static Option OptionFor(Setting setting, string? usedWith)
    {
        Type optionType = setting.ValueType == typeof(int[]) || setting.IsByteSize || setting.IsFloatType ? typeof(string)
            : setting.ValueType.IsValueType ? typeof(Nullable<>).MakeGenericType(setting.ValueType)
            : setting.ValueType;
        var option = (Option)Activator.CreateInstance(typeof(Option<>).MakeGenericType(optionType), setting.Flag, Array.Empty<string>())!;
        if (setting.IsFloatType)
        {
            ((Option<string?>)option).AcceptOnlyFromAmong([.. FloatEncoding.ShortNames]);
        }

        option.Description = usedWith is null ? setting.Help : $"With {usedWith}: {char.ToLowerInvariant(setting.Help[0])}{setting.Help[1..]}";
        return option;
    }
}
