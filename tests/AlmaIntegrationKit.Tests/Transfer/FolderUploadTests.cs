using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Tests.Transfer;

public sealed class FolderUploadTests : IDisposable
{
    private readonly Outbox _outbox = new();
    private readonly string _share = Path.Combine(Path.GetTempPath(), "alma-share-" + Guid.NewGuid().ToString("N")[..8]);

    public FolderUploadTests() => Directory.CreateDirectory(_share);

    public void Dispose()
    {
        _outbox.Dispose();
        Directory.Delete(_share, recursive: true);
    }

    private TransferOptions Options() => new()
    {
        Upload = new UploadOptions { Kind = UploadKind.Folder, FilePrefix = "college_", MaxAttempts = 2, RetryDelaySeconds = 0.01 },
        Folder = new FolderOptions { Path = _share },
    };

    private string[] Names() => Directory.GetFiles(_share).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public async Task Folder_upload_is_atomic_and_idempotent()
    {
        File.WriteAllBytes(Path.Combine(_share, "college_users.zip.part"), new byte[3]);
        var zip = _outbox.Zip("college_users.zip", 250_000);
        var service = new TransferService(Options());

        var first = await service.UploadAsync([zip]);
        var second = await service.UploadAsync([zip]);

        Assert.True(first.Succeeded, first.Render());
        Assert.Equal(RemovalReason.StalePart, Assert.Single(first.Removed).Reason);
        Assert.Equal(PlacementOutcome.Uploaded, Assert.Single(first.Placed).Outcome);
        Assert.Equal(Path.Combine(_share, "college_users.zip"), first.Placed[0].RemotePath);
        Assert.Equal(PlacementOutcome.AlreadyPresent, Assert.Single(second.Placed).Outcome);
        Assert.Equal(["college_users.zip"], Names());
        Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(Path.Combine(_share, "college_users.zip")));
    }

    [Fact]
    public async Task Folder_cap_is_checked_before_anything_is_copied()
    {
        File.WriteAllBytes(Path.Combine(_share, "college_old.zip.handled"), new byte[900]);
        var options = Options();
        options.Folder.DirectoryCapBytes = 1000;
        var zip = _outbox.Zip("college_users.zip", 200);

        var full = await new TransferService(options).UploadAsync([zip]);
        Assert.Equal(TransferFailureKind.CapExceeded, full.Failure?.Kind);
        Assert.Equal(100, full.Cap!.OverByBytes);
        Assert.Equal(["college_old.zip.handled"], Names());

        options.Upload.PruneHandled = true;
        var pruned = await new TransferService(options).UploadAsync([zip]);
        Assert.True(pruned.Succeeded, pruned.Render());
        Assert.Equal(["college_users.zip"], Names());
    }

    [Fact]
    public async Task Folder_connection_test()
    {
        File.WriteAllBytes(Path.Combine(_share, "college_waiting.zip"), new byte[10]);

        var result = await new TransferService(Options()).TestConnectionAsync();

        Assert.True(result.Succeeded, result.Render());
        Assert.Equal(["folder", "remote directory", "write permission", "room under cap", "waiting zips"], result.Checks.Select(c => c.Name));
        Assert.Equal(["college_waiting.zip"], result.WaitingZips);
        Assert.Equal(["college_waiting.zip"], Names());
    }

    [Fact]
    public async Task Missing_local_file_is_reported_before_anything_happens()
    {
        var result = await new TransferService(Options()).UploadAsync([Path.Combine(_outbox.Path, "nope.zip")]);

        Assert.Equal(TransferFailureKind.LocalFile, result.Failure?.Kind);
        Assert.Equal(0, result.Attempts);
    }
}
