using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using SaeLab.Formats.SafeTensors;
using SaeLab.IO;
using SaeLab.Tensors;
using SaeLab.Training.Architectures;
using SaeLab.Training.Optimization;

namespace SaeLab.Training.Checkpoints;

/// <summary>
/// A training checkpoint folder: <c>state.json</c> (<see cref="TrainingCheckpointState"/>) and the tensor file it
/// names, <c>weights.step000000123.safetensors</c>, holding every trainable parameter (<c>parameter.i</c>, in the
/// optimiser's order), Adam's moments (<c>adam_m.i</c>, <c>adam_v.i</c>) and the step's further training state
/// (<see cref="TrainingStepState"/>, as <c>state.NAME</c>: dead-feature counters, running thresholds). Each file is written atomically
/// (temp file, fsync, rename): the tensors first, then <c>state.json</c> pointing to them, then the previous tensor
/// file is deleted, so a process killed at any moment leaves a consistent pair.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>The checkpoint folder's name inside a training output folder.</summary>
    public const string FolderName = "checkpoint";

    /// <summary>The state file's name inside the checkpoint folder.</summary>
    public const string StateFileName = "state.json";

    private const string WeightsPrefix = "weights.step";

    // The step's own state tensors are stored under this prefix, beside parameter.i, adam_m.i and adam_v.i.
    private const string StatePrefix = "state.";

    /// <summary>The checkpoint folder of the training output folder <paramref name="outputDirectory"/>.</summary>
    public static string FolderIn(string outputDirectory) => Path.Combine(outputDirectory, FolderName);

    /// <summary>Whether <paramref name="directory"/> holds a checkpoint's <c>state.json</c>.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, StateFileName));

    /// <summary>Reads and checks <c>state.json</c> of the checkpoint in <paramref name="directory"/>.</summary>
    public static TrainingCheckpointState ReadState(string directory)
    {
        string path = Path.Combine(directory, StateFileName);
        if (!File.Exists(path))
        {
            throw SaeLabException.ForFile(path, "no training checkpoint here", "--resume takes the --out folder of a run that wrote checkpoints (--checkpoint-every)");
        }

        TrainingCheckpointState state = JsonFiles.Read<TrainingCheckpointState>(path);
        if (state.FormatVersion != TrainingCheckpointState.CurrentFormatVersion)
        {
            throw SaeLabException.ForFile(
                path,
                $"checkpoint format version {state.FormatVersion} is not supported (this SaeLab reads version {TrainingCheckpointState.CurrentFormatVersion})",
                state.FormatVersion < TrainingCheckpointState.CurrentFormatVersion
                    ? "an older SaeLab wrote it, without the training state beyond the weights that an exact resume needs: finish the run with that version, or train again without --resume"
                    : "a newer SaeLab wrote it: resume it with that version");
        }

        state.Config.Validate();
        state.Supervised?.Validate();
        return state;
    }

    /// <summary>The options that keep checkpointing a resumed run where, and as often as, <paramref name="state"/> was written.</summary>
    internal static TrainingCheckpointOptions OptionsToResume(string directory, TrainingCheckpointState state)
    {
        var options = new TrainingCheckpointOptions { Directory = directory, Every = state.Every, Save = state.Save, Subset = state.Subset };
        options.Validate();
        return options;
    }

    /// <summary>Writes the step's parameters, Adam moments and further state with <paramref name="state"/> (whose weight fields are filled in here).</summary>
    internal static TrainingCheckpointState Save(string directory, TrainingCheckpointState state, ISaeTrainingStep step)
    {
        AdamOptimizer optimizer = step.Optimizer;
        AdamState adam = optimizer.ExportState();
        var stepState = new TrainingStepState();
        step.SaveState(stepState);
        var tensors = new List<KeyValuePair<string, HostTensor>>();
        for (int i = 0; i < optimizer.Parameters.Count; i++)
        {
            ParameterMatrix parameter = optimizer.Parameters[i];
            tensors.Add(new($"parameter.{i}", HostTensor.FromFloat32(parameter.Values, parameter.Rows, parameter.Columns)));
            tensors.Add(new($"adam_m.{i}", HostTensor.FromFloat32(adam.FirstMoments[i], parameter.Rows, parameter.Columns)));
            tensors.Add(new($"adam_v.{i}", HostTensor.FromFloat32(adam.SecondMoments[i], parameter.Rows, parameter.Columns)));
        }

        tensors.AddRange(stepState.Tensors.Select(pair => KeyValuePair.Create(StatePrefix + pair.Key, pair.Value)));
        string weightsFile = string.Create(CultureInfo.InvariantCulture, $"{WeightsPrefix}{adam.Steps:D9}.safetensors");
        SafeTensorsFile.Write(Path.Combine(directory, weightsFile), tensors);
        TrainingCheckpointState saved = state with { Steps = adam.Steps, WeightsFile = weightsFile, WeightsSha256 = WeightsHash(optimizer, stepState) };
        JsonFiles.Write(Path.Combine(directory, StateFileName), saved);
        foreach (string stale in Directory.EnumerateFiles(directory, WeightsPrefix + "*.safetensors"))
        {
            if (Path.GetFileName(stale) != weightsFile)
            {
                File.Delete(stale);
            }
        }

        return saved;
    }

    /// <summary>Loads the checkpoint's parameters, moments and further state into <paramref name="step"/>, checking their hash first.</summary>
    internal static void Restore(string directory, TrainingCheckpointState state, ISaeTrainingStep step)
    {
        string path = Path.Combine(directory, Path.GetFileName(state.WeightsFile));
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        AdamOptimizer optimizer = step.Optimizer;
        int count = optimizer.Parameters.Count;
        float[][] m = new float[count][], v = new float[count][];
        for (int i = 0; i < count; i++)
        {
            ParameterMatrix parameter = optimizer.Parameters[i];
            Tensor(contents, path, $"parameter.{i}", parameter.Values.Length).CopyTo(parameter.Values, 0);
            m[i] = Tensor(contents, path, $"adam_m.{i}", parameter.Values.Length);
            v[i] = Tensor(contents, path, $"adam_v.{i}", parameter.Values.Length);
        }

        optimizer.ImportState(new AdamState(state.Steps, m, v));
        var stepState = new TrainingStepState(
            path, contents.Tensors.Where(pair => pair.Key.StartsWith(StatePrefix, StringComparison.Ordinal)).Select(pair => KeyValuePair.Create(pair.Key[StatePrefix.Length..], pair.Value)));
        if (WeightsHash(optimizer, stepState) != state.WeightsSha256)
        {
            throw SaeLabException.ForFile(path, "the weights do not match the checksum in state.json", "the checkpoint is damaged; train again without --resume");
        }

        step.RestoreState(stepState);
    }

    /// <summary>Whether every parameter of <paramref name="optimizer"/> is finite (a diverged step must not overwrite the last good checkpoint).</summary>
    internal static bool AllFinite(AdamOptimizer optimizer) =>
        optimizer.Parameters.All(p => AreFinite(p.Values));

    /// <summary>SHA-256 (hex) of <paramref name="text"/>'s UTF-8 bytes.</summary>
    internal static string Hash(string text) => Sha256(hash => hash.AppendData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Refuses a checkpoint whose position (epoch, batch, step) does not fit <paramref name="epochs"/> epochs of
    /// <paramref name="batches"/> batches: a damaged or edited <c>state.json</c>.
    /// </summary>
    internal static void CheckPosition(TrainingCheckpointState state, string directory, int epochs, long batches)
    {
        bool consistent = state.Epoch >= 1 && state.Epoch <= epochs && state.Totals.Batches >= 0 && state.Totals.Batches <= batches
            && state.Epochs.Count == state.Epoch - 1 && state.Steps == ((state.Epoch - 1) * batches) + state.Totals.Batches;
        if (!consistent)
        {
            throw SaeLabException.ForFile(
                Path.Combine(directory, StateFileName),
                $"position epoch {state.Epoch}, batch {state.Totals.Batches}, step {state.Steps} does not fit {epochs} epochs of {batches} batches",
                "the checkpoint is damaged; train again without --resume");
        }
    }

    /// <summary>SHA-256 (hex) of float32 values, as little-endian bytes.</summary>
    internal static string Hash(IEnumerable<float[]> arrays) => Sha256(hash => AppendAll(hash, arrays));

    // The parameters' float32 values, then each state tensor's name (UTF-8) and bytes, in name order.
    private static string WeightsHash(AdamOptimizer optimizer, TrainingStepState state) => Sha256(hash =>
    {
        AppendAll(hash, optimizer.Parameters.Select(p => p.Values));
        foreach ((string name, HostTensor tensor) in state.Tensors)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData(tensor.Data);
        }
    });

    private static void AppendAll(IncrementalHash hash, IEnumerable<float[]> arrays)
    {
        foreach (float[] values in arrays)
        {
            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    private static string Sha256(Action<IncrementalHash> append)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        append(hash);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static bool AreFinite(float[] values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private static float[] Tensor(SafeTensorsContents contents, string path, string name, int length)
    {
        HostTensor tensor = contents.Find(name)
            ?? throw SaeLabException.ForFile(path, $"tensor '{name}' is missing", "the checkpoint was written by another architecture or size");
        if (tensor.DType != DType.Float32 || tensor.ElementCount != length)
        {
            throw SaeLabException.ForFile(path, $"tensor '{name}' is {tensor.DType} {tensor.ShapeText}, expected {length} float32 values", "the checkpoint was written by another architecture or size");
        }

        return tensor.ToFloat32();
    }
}
