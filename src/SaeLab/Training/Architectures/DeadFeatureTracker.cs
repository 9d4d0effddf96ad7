using SaeLab.Training.Checkpoints;

namespace SaeLab.Training.Architectures;

/// <summary>
/// Counts, per feature, the training vectors since it last fired (dictionary_learning's <c>num_tokens_since_fired</c>);
/// a feature is dead once the count reaches the window (<see cref="SaeTrainingConfig.DeadTokens"/>).
/// </summary>
public sealed class DeadFeatureTracker(int dSae, long window)
{
    /// <summary>Vectors since each feature last had a non-zero code [m].</summary>
    public long[] VectorsSinceFired { get; } = new long[dSae];

    public long Window { get; } = window;

    /// <summary>Whether feature <paramref name="feature"/> is dead.</summary>
    public bool IsDead(int feature) => VectorsSinceFired[feature] >= Window;

    /// <summary>Adds a batch of codes [batch, m]: features that fired restart at 0, the rest age by the batch size.</summary>
    public void Record(ReadOnlySpan<float> codes, int batch)
    {
        int m = VectorsSinceFired.Length;
        for (int f = 0; f < m; f++)
        {
            VectorsSinceFired[f] += batch;
        }

        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> z = codes.Slice(row * m, m);
            for (int f = 0; f < m; f++)
            {
                if (z[f] != 0f)
                {
                    VectorsSinceFired[f] = 0;
                }
            }
        }
    }

    /// <summary>Adds the counts to a checkpoint's <paramref name="state"/> as <paramref name="name"/>.</summary>
    public void Save(TrainingStepState state, string name) => state.Add(name, VectorsSinceFired);

    /// <summary>Restores the counts that <see cref="Save"/> added as <paramref name="name"/>.</summary>
    public void Restore(TrainingStepState state, string name) =>
        state.Int64(name, VectorsSinceFired.Length).CopyTo(VectorsSinceFired, 0);
}
