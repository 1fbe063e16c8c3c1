using System.Diagnostics;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

public sealed class ReadableOnceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alma-readable-once-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_regular_file_can_be_read_again_and_a_named_pipe_cannot()
    {
        var file = Path.Combine(_folder, "patrons.csv");
        File.WriteAllText(file, "person_id\n");
        var pipe = Path.Combine(_folder, "patrons.pipe");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        Assert.False(ReadableOnce.Is(file));
        Assert.True(ReadableOnce.Is(pipe)); // without a writer, and without waiting for one
        Assert.False(ReadableOnce.Is(Path.Combine(_folder, "missing.csv"))); // the read reports that
    }

    [Fact]
    public void An_anonymous_pipe_of_another_process_cannot_be_read_again()
    {
        // What a shell's process substitution, --input <(zcat extract.csv.gz), gives: /dev/fd/N, a pipe.
        using var writer = Process.Start(new ProcessStartInfo("sleep", ["30"]) { RedirectStandardOutput = true })!;
        try
        {
            Assert.True(ReadableOnce.Is($"/proc/{writer.Id}/fd/1"));
        }
        finally
        {
            writer.Kill();
        }
    }
}
