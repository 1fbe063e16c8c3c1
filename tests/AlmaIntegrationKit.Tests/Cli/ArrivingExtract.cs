using System.Diagnostics;
using System.Text;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>
/// A patron CSV that is still arriving: a named pipe (FIFO) in place of the file, so that the test decides when the
/// program's reads get their rows. The export reads a CSV twice; the first read gets the whole extract, the second
/// only what <see cref="Send"/> gives it, and waits in the middle of the run for the rest.
/// </summary>
internal sealed class ArrivingExtract : IDisposable
{
    private static readonly TimeSpan OpenLimit = TimeSpan.FromMinutes(2);
    private readonly string[] _lines;
    private FileStream? _second;
    private int _sent;

    public ArrivingExtract(string path, string csv, CollegeProcess program)
    {
        Path = path;
        Program = program;
        _lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    public string Path { get; }

    /// <summary>The program reading it.</summary>
    public CollegeProcess Program { get; }

    /// <summary>Lines of the second read not sent yet.</summary>
    public int Remaining => _lines.Length - _sent;

    /// <summary>
    /// Gives every read of the first pass the whole extract (a pass may read the file more than once), then the header
    /// and <paramref name="rows"/> rows to the second, which stays open. <paramref name="secondPassStarted"/> tells them
    /// apart: the run makes its report folder just before the second pass opens the source.
    /// </summary>
    public async Task StartAsync(int rows, Func<bool> secondPassStarted)
    {
        var whole = Encoding.UTF8.GetBytes(string.Join('\n', _lines) + "\n");
        while (true)
        {
            var reader = await OpenAsync();
            if (secondPassStarted())
            {
                _second = reader;
                break;
            }

            try
            {
                await using (reader)
                    await Task.Run(() => reader.Write(whole));
            }
            catch (IOException)
            {
                // A read that stopped early (EPIPE): the next open gets it all again.
            }
        }

        Send(1 + rows);
    }

    /// <summary>Sends the next <paramref name="lines"/> lines to the second read; false once the program stopped reading.</summary>
    public bool Send(int lines)
    {
        try
        {
            for (var i = 0; i < lines && _sent < _lines.Length; i++)
                _second!.Write(Encoding.UTF8.GetBytes(_lines[_sent++] + "\n"));
            _second!.Flush();
            return true;
        }
        catch (IOException)
        {
            return false; // the program closed its end (EPIPE)
        }
    }

    private async Task<FileStream> OpenAsync()
    {
        // Opening a FIFO for writing waits for its reader; a program that failed before reading never comes.
        var open = Task.Run(() => new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1));
        var done = await Task.WhenAny(open, Task.Delay(OpenLimit));
        if (done != open)
        {
            using (new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) // lets the waiting open return
            {
            }

            Assert.Fail($"The program did not open the extract:\n{Program.Terminal}");
        }

        return await open;
    }

    public void Dispose()
    {
        try
        {
            _second?.Dispose();
        }
        catch (IOException)
        {
        }

        File.Delete(Path);
    }
}
