using SaeLab.Formats;
using SaeLab.Formats.SafeTensors;
using SaeLab.Formats.Torch;
using SaeLab.Tensors;

namespace SaeLab.Sae;

/// <summary>
/// Reads SAE checkpoints written by <c>torch.save</c> through the restricted unpickler (<see cref="TorchFile"/>, which
/// runs no code from the file): the top-level dict, its entries, and a module's <c>state_dict()</c> (a dict or
/// OrderedDict of parameter name → tensor) as the tensors <see cref="SaeWeights"/> copies from.
/// </summary>
internal static class TorchStateDict
{
    /// <summary>The dict <paramref name="path"/> holds; <paramref name="expected"/> describes it for the error otherwise.</summary>
    public static PickleDict ReadDict(string path, string expected) =>
        TorchFile.Read(path) as PickleDict
            ?? throw new FileFormatException(path, $"the file does not hold a dict", $"expected {expected}");

    /// <summary>The dict under <paramref name="key"/> in <paramref name="dict"/>.</summary>
    public static PickleDict Dict(PickleDict dict, string key, string path) =>
        Entry(dict, key, path) as PickleDict
            ?? throw new FileFormatException(path, $"'{key}' is not a dict");

    /// <summary>The positive integer under <paramref name="key"/> in <paramref name="dict"/>.</summary>
    public static int PositiveInt(PickleDict dict, string key, string path) => Entry(dict, key, path) switch
    {
        long value and > 0 and <= int.MaxValue => (int)value,
        object other => throw new FileFormatException(path, $"'{key}' is {other}, not a positive integer"),
        null => throw new FileFormatException(path, $"'{key}' is None, not a positive integer"),
    };

    /// <summary>
    /// The tensors of a <c>state_dict()</c>. Entries that are not tensors (a module's <c>_extra_state</c>) carry no
    /// weights and are skipped; keys are strings in every state_dict torch writes.
    /// </summary>
    public static SafeTensorsContents Tensors(PickleDict stateDict, string path) =>
        new(stateDict.Items
                .Where(item => item.Value is HostTensor)
                .Select(item => new KeyValuePair<string, HostTensor>(
                    item.Key as string ?? throw new FileFormatException(path, $"state_dict key {item.Key} is not a string"),
                    (HostTensor)item.Value!))
                .ToList(),
            new Dictionary<string, string>());

    private static object? Entry(PickleDict dict, string key, string path) =>
        dict.TryGetValue(key, out object? value)
            ? value
            : throw new FileFormatException(path, $"no '{key}' entry", $"entries: {string.Join(", ", dict.Items.Select(item => $"'{item.Key}'"))}");
}
