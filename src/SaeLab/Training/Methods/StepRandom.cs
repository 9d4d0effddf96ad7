namespace SaeLab.Training.Methods;

/// <summary>
/// The <see cref="Random"/> of the training methods' draws at one step of a run (b_dec's sample before the first
/// step, each resampling's sample and choice after its step): a fresh generator seeded from the run's seed and the
/// step alone, so that a resumed run (<see cref="SaeTrainer.Resume"/>) draws what the uninterrupted run drew without
/// any random state in the checkpoint, and separate from the run's own <c>Random(seed)</c>, so that turning a method on
/// does not change the initial weights or the shuffles.
/// </summary>
public static class StepRandom
{
    /// <summary>A generator for the draws at <paramref name="step"/> (0: before the first step) of the run seeded <paramref name="seed"/>.</summary>
    public static Random At(int seed, long step) =>
        new((int)(Mix(Mix((ulong)(uint)seed) ^ (ulong)step) & int.MaxValue));

    // SplitMix64's output function (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"):
    // nearby inputs (consecutive seeds or steps) give unrelated outputs. Unlike HashCode, it is the same in every process.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
