using System.Runtime.InteropServices;

namespace SaeLab.Cli.Progress;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation request, so that a run can stop after its current
/// step and write what it needs; a second signal ends the process at once, as usual.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    /// <summary>The exit code of a run stopped by a signal: 128 + SIGINT, as shells report it.</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public InterruptSignal()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = !_source.IsCancellationRequested;
        _source.Cancel();
    }
}
