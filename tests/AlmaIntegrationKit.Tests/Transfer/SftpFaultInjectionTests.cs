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
}
