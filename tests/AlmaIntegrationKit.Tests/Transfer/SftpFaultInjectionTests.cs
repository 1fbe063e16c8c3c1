using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;
using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Tests.Transfer;

/// <summary>
/// Faults injected on the server's side of a live SFTP connection, in the middle of an upload: the safety steps of
/// the placement (upload as <c>.part</c>, check the remote size, only then rename, remove the <c>.part</c> on any
/// failure) must keep Alma from ever seeing a partial zip, and leave no <c>.part</c> behind.
/// </summary>
public sealed class SftpFaultInjectionTests : IDisposable
{
    private const int Size = 16 * 1024 * 1024;
    private readonly SshServer _server = new();
    private readonly Outbox _outbox = new();

    public void Dispose()
    {
        _server.Dispose();
        _outbox.Dispose();
    }

    [Fact]
    public async Task A_file_that_comes_out_short_on_the_server_is_not_renamed_and_its_part_is_removed()
    {
        var remote = _server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", Size, seed: 3);
        var part = Path.Combine(remote, "college_users.zip.part");

        // Once the upload has begun, the server's file is swapped for a short one: the SFTP server goes on writing to
        // the old file, which no longer has a name, and the size the client reads back is the short file's.
        using var stop = new CancellationTokenSource();
        var swapped = PartFileWatch.WhenAtLeast(part, 1, () =>
        {
            File.Delete(part);
            File.WriteAllBytes(part, new byte[1000]);
        }, stop.Token);
        var options = _server.Options(remote);
        options.Upload.MaxAttempts = 1;

        var result = await new TransferService(options).UploadAsync([zip]);
        stop.Cancel();

        Assert.True(await swapped > 0, "the fault was injected during the upload");
        Assert.False(result.Succeeded, result.Render());
        Assert.Equal(TransferFailureKind.SizeMismatch, result.Failure!.Kind);
        Assert.Empty(result.Placed);
        Assert.Empty(Directory.GetFiles(remote)); // no zip, partial or not, and no .part
    }

    [Fact]
    public async Task A_rename_that_fails_leaves_no_zip_and_no_part()
    {
        var remote = _server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", Size, seed: 5);
        var part = Path.Combine(remote, "college_users.zip.part");
        var final = Path.Combine(remote, "college_users.zip");

        // Once the upload has begun, a folder takes the zip's name on the server: the rename onto it fails.
        using var stop = new CancellationTokenSource();
        var blocked = PartFileWatch.WhenAtLeast(part, 1, () => Directory.CreateDirectory(final), stop.Token);
        var options = _server.Options(remote);
        options.Upload.MaxAttempts = 1;

        var result = await new TransferService(options).UploadAsync([zip]);
        stop.Cancel();

        Assert.True(await blocked > 0, "the fault was injected during the upload");
        Assert.False(result.Succeeded, result.Render());
        Assert.Empty(result.Placed);
        Assert.Empty(Directory.GetFiles(remote)); // the .part was removed, and no file holds the zip's name
        Assert.Empty(Directory.GetFileSystemEntries(final));
    }
    [Fact]
    public async Task A_disconnect_between_upload_and_rename_shows_no_zip_and_the_next_upload_completes()
    {
        var remote = _server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", Size, seed: 7);
        var final = Path.Combine(remote, "college_users.zip");
        var options = _server.Options(remote);
        options.Upload.MaxAttempts = 1;

        // The whole .part is on the server and has the right size; the server then drops the connection.
        var injected = new List<string>();
        var failed = await BetweenUploadAndRename(
            part =>
            {
                injected.Add(part);
                _server.KillSessions();
            },
            () => new TransferService(options).UploadAsync([zip]));

        Assert.Single(injected);
        Assert.False(failed.Succeeded, failed.Render());
        Assert.Equal(TransferFailureKind.Network, failed.Failure!.Kind);
        Assert.Contains("broke while renaming college_users.zip.part to college_users.zip", failed.Failure.Message);
        Assert.DoesNotContain("Cannot reach", failed.Failure.Message);
        Assert.Empty(failed.Placed);
        Assert.False(File.Exists(final), "no zip, partial or not, is visible to Alma");
        Assert.True(File.Exists(zip));

        var retried = await new TransferService(options).UploadAsync([zip]);

        Assert.True(retried.Succeeded, retried.Render());
        Assert.Equal(PlacementOutcome.Uploaded, Assert.Single(retried.Placed).Outcome);
        Assert.Equal(RemovalReason.StalePart, Assert.Single(retried.Removed).Reason); // the .part the dropped session left
        Assert.Equal([final], Directory.GetFiles(remote)); // and no .part
        Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(final));
    }

    [Fact]
    public async Task A_rename_the_server_made_before_the_connection_dropped_is_counted_as_placed_next_time()
    {
        var remote = _server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", Size, seed: 9);
        var final = Path.Combine(remote, "college_users.zip");
        var options = _server.Options(remote);
        options.Upload.MaxAttempts = 1;

        // The server renames, and the session dies before its answer reaches the client.
        var failed = await BetweenUploadAndRename(
            part =>
            {
                File.Move(Path.Combine(remote, Path.GetFileName(part)), final);
                _server.KillSessions();
            },
            () => new TransferService(options).UploadAsync([zip]));

        Assert.False(failed.Succeeded, failed.Render());

        var retried = await new TransferService(options).UploadAsync([zip]);

        Assert.True(retried.Succeeded, retried.Render());
        Assert.Equal(PlacementOutcome.AlreadyPresent, Assert.Single(retried.Placed).Outcome);
        Assert.Equal([final], Directory.GetFiles(remote));
        Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(final));
    }

    [Fact]
    public async Task A_disconnect_between_upload_and_rename_is_retried_within_the_run()
    {
        var remote = _server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", Size, seed: 8);
        var options = _server.Options(remote);

        var injected = 0;
        var result = await BetweenUploadAndRename(
            _ =>
            {
                if (injected++ == 0)
                    _server.KillSessions();
            },
            () => new TransferService(options).UploadAsync([zip]));

        Assert.True(result.Succeeded, result.Render());
        Assert.Equal(2, result.Attempts);
        Assert.Equal(PlacementOutcome.Uploaded, Assert.Single(result.Placed).Outcome);
        Assert.Equal([Path.Combine(remote, "college_users.zip")], Directory.GetFiles(remote));
    }

    [Fact]
    public async Task A_run_whose_connection_drops_before_the_rename_is_not_delivered_and_upload_delivers_it()
    {
        using var cli = new CliHarness();
        var remote = _server.NewRemoteDirectory();
        cli.Section("Upload")["Kind"] = "Sftp";
        cli.Section("Upload")["MaxAttempts"] = 1;
        var sftp = cli.Section("Sftp");
        sftp["Host"] = "127.0.0.1";
        sftp["Port"] = _server.Port;
        sftp["Username"] = _server.User;
        sftp["PrivateKeyPath"] = _server.UserKeyPath;
        sftp["PrivateKeyPassphrase"] = SshServer.UserKeyPassphrase;
        sftp["HostKeySha256"] = _server.HostKeySha256;
        sftp["RemoteDirectory"] = remote;
        cli.WriteFeed(new PatronFeed().Good(3));

        var code = await BetweenUploadAndRename(_ => _server.KillSessions(), () => cli.RunAsync("run"));

        Assert.True(code == ExitCodes.Error, cli.Transcript);
        Assert.Contains("The upload failed", cli.Error);
        Assert.Empty(Directory.GetFiles(remote, "*.zip"));
        Assert.Single(AlmaIntegrationKit.Cli.Outbox.Pending(cli.Outbox));
        Assert.Equal(ExitCodes.Success, await cli.RunAsync("status"));
        Assert.Contains("1 zip(s) waiting for upload", cli.Output);
        Assert.DoesNotContain("delivered", cli.Output);

        code = await cli.RunAsync("upload");

        Assert.True(code == ExitCodes.Success, cli.Transcript);
        var placed = Assert.Single(Directory.GetFiles(remote)); // the zip, and no .part
        Assert.EndsWith(".zip", placed, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await cli.RunAsync("status"));
        Assert.Contains("No zip is waiting for upload", cli.Output);
        Assert.Contains("delivered", cli.Output);
    }

    /// <summary>Runs <paramref name="upload"/> with <paramref name="fault"/> done on the server once each <c>.part</c> is complete and before its rename.</summary>
    private static async Task<T> BetweenUploadAndRename<T>(Action<string> fault, Func<Task<T>> upload)
    {
        Placement.BetweenUploadAndRename.Value = fault;
        try
        {
            return await upload();
        }
        finally
        {
            Placement.BetweenUploadAndRename.Value = null;
        }
    }
}
