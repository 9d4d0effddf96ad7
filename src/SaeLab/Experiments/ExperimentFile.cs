using System.Reflection;
using System.Text.RegularExpressions;
using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Probing;
using SaeLab.Probing.CrossValidation;
using SaeLab.Settings;
using SaeLab.Synthetic;
using SaeLab.Training.Supervised;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SaeLab.Experiments;

/// <summary>Reads experiment YAML files (snake_case keys; unknown keys are errors, so typos do not pass silently).</summary>
public static class ExperimentFile
{
    private static readonly INamingConvention Naming = UnderscoredNamingConvention.Instance;

    // The library records the file gives whole, read through their own declarations: their keys, types and defaults are
    // written once, on the record.
    private static readonly RecordReader Records = new(
        RecordKeys.Properties<ExperimentData>().Inline(
            nameof(ExperimentData.LoadOptions),
            RecordKeys.Settings<ActivationLoadOptions>(nameof(ActivationLoadOptions.ProblemKey), nameof(ActivationLoadOptions.LayerKey), nameof(ActivationLoadOptions.TokenKey))),
        RecordKeys.Properties<SyntheticConfig>(),
        // Not the label key: the probes' labels are the data's label_key, as the supervised SAEs' are.
        RecordKeys.Settings<ProbeConfig>(nameof(ProbeConfig.TestSize), nameof(ProbeConfig.SplitSeed), nameof(ProbeConfig.Standardize)),
        RecordKeys.Settings<CrossValidationConfig>(),
        // The weight only: a supervised SAE's split is the probes' (SupervisedConfig.SplitAs).
        RecordKeys.Settings<SupervisedConfig>());

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(Naming)
        .WithEnforceRequiredMembers()
        .WithEnforceNullability() // "data: ~" must be an error, not a null where the records promise a value
        .WithNodeDeserializer(new SaeSettingsReader(), where => where.OnTop())
        .WithNodeDeserializer(Records, where => where.OnTop())
        .Build();

    /// <summary>Parses and validates <paramref name="path"/>.</summary>
    public static ExperimentConfig Load(string path)
    {
        byte[] bytes = FileBytes.ReadAll(path);
        ExperimentConfig config = Parse(System.Text.Encoding.UTF8.GetString(bytes), path);
        config.Validate(path);
        return config;
    }

    /// <summary>Parses YAML text; <paramref name="path"/> names the source in errors.</summary>
    public static ExperimentConfig Parse(string yaml, string path)
    {
        try
        {
            ExperimentConfig config = Deserializer.Deserialize<ExperimentConfig?>(yaml) ?? throw SaeLabException.ForFile(path, "the experiment file is empty");
            RequireNoEmptyItems(config.Saes, "saes", path);
            RequireNoEmptyItems(config.Probes, "probes", path);
            RequireNoEmptyItems(config.Sweep?.Architecture ?? [], "sweep: architecture", path);
            return config;
        }
        catch (YamlException e)
        {
            string detail = UnknownKey(e.InnerException?.Message ?? e.Message);
            throw SaeLabException.ForFile(path, $"line {e.Start.Line}, column {e.Start.Column}: {detail}");
        }
    }

    // YamlDotNet says "Property 'nam' not found on type 'SaeLab.Experiments.ExperimentConfig'."; a user wants the key's
    // name and the one they meant, not the record's .NET name.
    private static string UnknownKey(string detail)
    {
        Match match = Regex.Match(detail, @"^Property '(?<key>[^']+)' not found on type '(?<type>[^']+)'\.$");
        if (!match.Success || typeof(ExperimentConfig).Assembly.GetType(match.Groups["type"].Value) is not { } type)
        {
            return detail;
        }

        string key = match.Groups["key"].Value;
        IEnumerable<string> keys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<YamlIgnoreAttribute>() is null)
            .Select(p => Naming.Apply(p.Name));
        return NotAKeyHere(key, keys);
    }

    /// <summary>The error for a key that is none of <paramref name="keys"/>, with the one it is closest to.</summary>
    internal static string NotAKeyHere(string key, IEnumerable<string> keys) => $"'{key}' is not a key here{ClosestName.Suggestion(key, keys)}";

    // WithEnforceNullability covers properties, not list items: "saes: [~]" or a bare "-" still yields a null entry.
    private static void RequireNoEmptyItems<T>(T[] items, string section, string path)
    {
        int empty = Array.IndexOf(items, null);
        if (empty >= 0)
        {
            throw SaeLabException.ForFile(path, $"{section}: entry {empty + 1} is empty");
        }
    }

    /// <summary>A data path from the experiment file, resolved against the file's folder.</summary>
    public static string ResolvePath(string experimentPath, string relative) =>
        Path.IsPathRooted(relative) ? relative : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(experimentPath))!, relative));
}
