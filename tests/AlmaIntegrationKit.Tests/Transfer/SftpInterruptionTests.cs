using AlmaIntegrationKit.Transfer;
using Xunit.Abstractions;

namespace AlmaIntegrationKit.Tests.Transfer;

/// <summary>The server dies in the middle of a large upload: Alma must never see a partial zip, and the next run
/// (after the server is back) completes. This test owns its server, because it kills it.</summary>
public sealed class SftpInterruptionTests(ITestOutputHelper output) : IDisposable
{
    private readonly SshServer _server = new();
    private readonly Outbox _outbox = new();

    public void Dispose()
    {
        _server.Dispose();
        _outbox.Dispose();
    }

    [Fact]
    public async Task Server_killed_mid_upload_leaves_no_partial_zip_and_a_rerun_completes()
    {
        const int size = 64 * 1024 * 1024;
        var remote = _server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users_big.zip", size, seed: 7);
        var options = _server.Options(remote);
        options.Upload.MaxAttempts = 2;
        var part = Path.Combine(remote, "college_users_big.zip.part");

        // The server's files are local: kill the server (with its session processes) once part of the file has arrived.
        using var stop = new CancellationTokenSource();
        var killer = PartFileWatch.WhenAtLeast(part, 4 * 1024 * 1024, _server.Kill, stop.Token);

        var logger = new ListLogger();
        var broken = await new TransferService(options, logger).UploadAsync([zip]);
        stop.Cancel();
        var killedAt = await killer;
        logger.Lines.ForEach(output.WriteLine);
        output.WriteLine(broken.Render());
        Assert.True(killedAt is > 0 and < size, $"the server was killed during the upload (at {killedAt} bytes)");
        Assert.False(broken.Succeeded);
        Assert.Equal(TransferFailureKind.Network, broken.Failure!.Kind);
        Assert.Equal(2, broken.Attempts); // the broken connection was retried once, against a dead server
        Assert.Empty(broken.Placed);
        Assert.DoesNotContain(Directory.GetFiles(remote), f => f.EndsWith(".zip", StringComparison.Ordinal));

        _server.Start();
        var rerun = await new TransferService(options).UploadAsync([zip]);

        output.WriteLine(rerun.Render());
        Assert.True(rerun.Succeeded, rerun.Render());
        Assert.Equal(PlacementOutcome.Uploaded, Assert.Single(rerun.Placed).Outcome);
        Assert.Equal([Path.Combine(remote, "college_users_big.zip")], Directory.GetFiles(remote));
        Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(Path.Combine(remote, "college_users_big.zip")));
    }
}
