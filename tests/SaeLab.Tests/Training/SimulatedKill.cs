namespace SaeLab.Tests.Training;

/// <summary>
/// Thrown from a progress callback to stop a run as a kill would: nothing after the step runs, so the run's last
/// periodic checkpoint is what is left (cancelling instead would checkpoint the current step, as Ctrl+C does).
/// </summary>
internal sealed class SimulatedKill : Exception
{
}
