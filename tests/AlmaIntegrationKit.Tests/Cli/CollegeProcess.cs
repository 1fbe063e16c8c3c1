using System.Diagnostics;
using System.Text;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>
/// The college's command line (<see cref="CollegeProgram"/>) in a process of its own under a pseudo-terminal
/// (util-linux <c>script</c>), as an operator runs it: Ctrl+C is the terminal's interrupt character, so the line
/// discipline sends SIGINT; <c>kill</c> sends SIGTERM or SIGKILL to the program itself. Its own temporary folder
/// (<c>TMPDIR</c>) shows what it leaves behind.
/// </summary>
internal sealed class CollegeProcess : IDisposable
{
    private readonly Process _script;
    private readonly StringBuilder _terminal = new();
    private readonly Task _reading;

    private CollegeProcess(Process script)
    {
        _script = script;
        _reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await script.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_terminal)
                    _terminal.Append(buffer, 0, read);
            }
        });
    }

    /// <summary>Everything the terminal showed (standard output and error, with the escape sequences).</summary>
    public string Terminal
    {
        get
        {
            lock (_terminal)
                return _terminal.ToString();
        }
    }

    /// <summary>The environment variable that gives the program a fixed clock (ISO 8601), as the in-process runs of a test have.</summary>
    public const string ClockVariable = "COLLEGE_TEST_NOW";

    /// <summary>Starts <c>dotnet AlmaIntegrationKit.Tests.dll <paramref name="args"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static CollegeProcess Start(string workingDirectory, string temporaryFolder, params string[] args) =>
        Start(workingDirectory, temporaryFolder, now: null, args);

    /// <summary>As <see cref="Start(string, string, string[])"/>, the program's clock fixed at <paramref name="now"/> when given.</summary>
    public static CollegeProcess Start(string workingDirectory, string temporaryFolder, DateTimeOffset? now, params string[] args)
    {
        var program = typeof(CollegeProgram).Assembly.Location;
        var command = "exec dotnet " + string.Join(' ', new[] { program }.Concat(args).Select(a => "'" + a + "'"));
        var start = new ProcessStartInfo("script")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" })
            start.ArgumentList.Add(argument);
        start.Environment["TMPDIR"] = temporaryFolder;
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "120";
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // no debugger pipes in the temporary folder
        if (now is { } fixedNow)
            start.Environment[ClockVariable] = fixedNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ALMA_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        var script = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        return new CollegeProcess(script);
    }

    /// <summary>The program's process id (the child of <c>script</c>, which <c>exec</c> made the program), or null once it has ended.</summary>
    private int? RunningProgramId
    {
        get
        {
            string children;
            try
            {
                children = File.ReadAllText($"/proc/{_script.Id}/task/{_script.Id}/children");
            }
            catch (IOException)
            {
                return null; // script has ended too
            }

            var ids = children.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return ids.Length == 0 ? null : int.Parse(Assert.Single(ids), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public bool HasExited => _script.HasExited;

    /// <summary>Types Ctrl+C on the terminal.</summary>
    public void PressCtrlC()
    {
        _script.StandardInput.Write('\u0003');
        _script.StandardInput.Flush();
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, KILL) to the program, which must still be running.</summary>
    public void Send(string signal) => Assert.True(TrySend(signal), $"The program had ended before {signal} could be sent.");

    /// <summary>
    /// Sends <paramref name="signal"/> to the program unless it has ended by itself already (then false: a signal meant
    /// for a random moment of the run came after its end).
    /// </summary>
    public bool TrySend(string signal)
    {
        if (RunningProgramId is not { } id)
            return false;
        using var kill = Process.Start("kill", ["-s", signal, id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode == 0)
            return true;
        Assert.True(RunningProgramId is null, $"kill -s {signal} {id} failed while the program was running.");
        return false;
    }

    /// <summary>Waits for the program to end; its exit code as <c>script --return</c> reports it (128 + n when a signal ended it).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The program did not end within {limit}:\n{Terminal}");
        }

        await _reading;
        return _script.ExitCode;
    }

    public void Dispose()
    {
        if (!_script.HasExited)
            _script.Kill(entireProcessTree: true);
        _script.Dispose();
    }
}
