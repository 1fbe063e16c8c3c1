using System.Runtime.InteropServices;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation of the command, so that it stops at its next step through
/// its normal clean-up paths (temporary zips, spill files and the dry run's copy of the state removed, the terminal's
/// cursor shown again) and exits 130 or 143 as a shell expects. A second signal while the first is being handled is
/// left to the operating system, which ends the process at once: an operator can always stop a run that hangs.
/// </summary>
/// <remarks>System.CommandLine 2.0 handles neither signal unless a termination timeout is set, and then only cancels.</remarks>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _error;
    private int _exitCode;

    private TerminationSignals(CancellationToken outer, TextWriter error)
    {
        _error = error;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by a signal or by the caller's token.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The exit code of the first signal received (130 for SIGINT, 143 for SIGTERM), or null when none was.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    /// <summary>Starts listening; stops on <see cref="Dispose"/>.</summary>
    /// <param name="outer">The caller's token, which also cancels.</param>
    /// <param name="error">Where to say that the command is stopping.</param>
    public static TerminationSignals Listen(CancellationToken outer, TextWriter error) => new(outer, error);

    private void OnSignal(PosixSignalContext context)
    {
        var code = context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0)
            return; // the second signal: the default action ends the process
        context.Cancel = true;
        _error.WriteLine($"Stopping at the next step and removing temporary files ({context.Signal}; {(code == ExitCodes.Interrupted ? "press Ctrl+C again" : "send it again")} to stop at once)…");
        _error.Flush();
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancellation.Dispose();
    }
}
