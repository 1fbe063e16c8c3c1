using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>
/// Ctrl+C, SIGTERM and SIGKILL in the middle of a run, sent to the real program under a pseudo-terminal while it
/// waits for the rest of an extract that is still arriving: the second read of the export has written part of the zip
/// (under its temporary name), the spill files are open and, for a dry run, the copy of the state is in the temporary
/// folder.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly CliHarness _cli = new();

    public SignalTests()
    {
        Directory.CreateDirectory(TemporaryFolder);
        _cli.WithFolderUpload();
        _cli.Section("Safety")["MaxDropPercent"] = 100;
    }

    private string TemporaryFolder => Path.Combine(_cli.Root, "tmp");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ctrl_C_in_a_dry_run_exits_130_removes_its_temporary_files_and_shows_the_cursor_again()
    {
        await FirstNightAsync();
        var outbox = Path.Combine(_cli.Outbox, RunCommand<Alma.User>.DryRunFolder);
        using var program = await StartBlockedAsync(outbox, "run", "--dry-run");
        Assert.NotEmpty(Directory.GetDirectories(TemporaryFolder, "alma-dry-run-*")); // the copy of the state, while it runs

        program.Extract.Program.PressCtrlC();
        var code = await program.FinishAsync();

        Assert.True(code == ExitCodes.Interrupted, program.Transcript);
        Assert.Contains("cancelled", program.Transcript);
        AssertNothingLeft(outbox);
        Assert.Empty(Directory.GetFiles(outbox, "*.zip"));
        var terminal = program.Extract.Program.Terminal;
        var hidden = terminal.LastIndexOf("\u001b[?25l", StringComparison.Ordinal);
        Assert.True(hidden >= 0, "the progress display never showed:\n" + program.Transcript);
        Assert.True(terminal.IndexOf("\u001b[?25h", hidden, StringComparison.Ordinal) > hidden, "the cursor was left hidden:\n" + program.Transcript);
        await NextRunWorksAsync();
    }

    [Fact]
    public async Task Sigterm_in_a_run_exits_143_places_nothing_and_the_next_run_sends_everyone()
    {
        await FirstNightAsync();
        using var program = await StartBlockedAsync(_cli.Outbox, "run");

        program.Extract.Program.Send("TERM");
        var code = await program.FinishAsync();

        Assert.True(code == ExitCodes.Terminated, program.Transcript);
        Assert.Contains("cancelled", program.Transcript);
        AssertNothingLeft(_cli.Outbox);
        Assert.Single(Directory.GetFiles(_cli.Dropbox, "*.zip")); // the first night's only
        await NextRunWorksAsync();
    }

    [Fact]
    public async Task After_a_kill_the_next_run_removes_the_temporary_zip_and_the_unfinished_run_folder()
    {
        await FirstNightAsync();
        using var program = await StartBlockedAsync(_cli.Outbox, "run");

        program.Extract.Program.Send("KILL");
        await program.Extract.Program.WaitForExitAsync(Limit);
        Assert.NotEmpty(Directory.GetFiles(_cli.Outbox, "*.zip.tmp")); // what a kill leaves: the case being tested
        Assert.Empty(Directory.GetFiles(TemporaryFolder, "*", SearchOption.AllDirectories)); // spill files have no name to leave

        await NextRunWorksAsync();
        Assert.Contains("Removed what an interrupted run left", _cli.Output);
        AssertNothingLeft(_cli.Outbox);
    }

    private async Task FirstNightAsync()
    {
        _cli.WriteFeed(new PatronFeed().Good(400));
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        File.Delete(Path.Combine(_cli.Root, "patrons.csv"));
    }

    private async Task NextRunWorksAsync()
    {
        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);
        File.Delete(Path.Combine(_cli.Root, "patrons.csv")); // the named pipe
        _cli.WriteFeed(new PatronFeed().Good(400, start: 2));
        var code = await _cli.RunAsync("run");
        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Empty(Directory.GetFiles(_cli.Outbox, "*.zip.tmp"));
    }

    /// <summary>Starts the program on an extract that arrives: it stops in the second read, its zip half-written.</summary>
    private async Task<Blocked> StartBlockedAsync(string outbox, params string[] args)
    {
        _cli.WriteSettings();
        var feed = Path.Combine(_cli.Root, "patrons.csv");
        var csv = new PatronFeed().Good(2000, start: 2);
        var program = CollegeProcess.Start(_cli.Root, TemporaryFolder, args);
        var extract = new ArrivingExtract(feed, Render(csv), program);
        try
        {
            // Enough rows for the writer, which takes them in batches on its own thread, to start the zip.
            var runFolders = Directory.Exists(outbox) ? Directory.GetDirectories(outbox).Length : 0;
            await extract.StartAsync(rows: 1000, () => Directory.GetDirectories(outbox).Length > runFolders);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Directory.GetFiles(outbox, "*.zip.tmp").Length == 0)
            {
                Assert.False(program.HasExited, "the program ended early:\n" + program.Terminal);
                Assert.True(waited.Elapsed < Limit, "no zip was started:\n" + program.Terminal);
                await Task.Delay(10);
            }
        }
        catch
        {
            extract.Dispose();
            program.Dispose();
            throw;
        }

        return new Blocked(extract);
    }

    private static string Render(PatronFeed feed)
    {
        var path = Path.GetTempFileName();
        try
        {
            return File.ReadAllText(feed.WriteTo(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private void AssertNothingLeft(string outbox)
    {
        Assert.Empty(Directory.GetFiles(outbox, "*.zip.tmp"));
        Assert.Empty(Directory.GetFiles(TemporaryFolder, "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(TemporaryFolder));
        foreach (var runFolder in Directory.GetDirectories(outbox).Where(d => Path.GetFileName(d) != RunCommand<Alma.User>.DryRunFolder))
            Assert.True(File.Exists(Path.Combine(runFolder, "manifest.json")), "an unfinished run folder is left: " + runFolder);
    }

    /// <summary>The program waiting in the second read, and the extract it waits for.</summary>
    private sealed class Blocked(ArrivingExtract extract) : IDisposable
    {
        public ArrivingExtract Extract { get; } = extract;

        public string Transcript => Extract.Program.Terminal;

        /// <summary>After a signal: gives the program the rest of the extract line by line until it stops reading, and returns its exit code.</summary>
        public async Task<int> FinishAsync()
        {
            // The rows that follow must reach it only after it took the signal, or it could finish the run first.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!Transcript.Contains("Stopping", StringComparison.Ordinal) && !Extract.Program.HasExited)
            {
                Assert.True(waited.Elapsed < Limit, "the program did not take the signal:\n" + Transcript);
                await Task.Delay(10);
            }
            while (!Extract.Program.HasExited && Extract.Remaining > 0 && Extract.Send(1))
                await Task.Yield();
            return await Extract.Program.WaitForExitAsync(Limit);
        }

        public void Dispose()
        {
            Extract.Dispose();
            Extract.Program.Dispose();
        }
    }
}
