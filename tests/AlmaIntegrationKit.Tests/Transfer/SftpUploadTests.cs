using System.Security.Cryptography;
using Xunit.Abstractions;
using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Tests.Transfer;

[Collection(SshServerCollection.Name)]
public sealed class SftpUploadTests(SshServer server, ITestOutputHelper output) : IDisposable
{
    private readonly Outbox _outbox = new();

    public void Dispose() => _outbox.Dispose();

    private static string[] Names(string dir) =>
        Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public async Task Upload_places_exact_bytes_and_leaves_no_part()
    {
        var remote = server.NewRemoteDirectory();
        var a = _outbox.Zip("college_users_1.zip", 300_000, seed: 1);
        var b = _outbox.Zip("college_users_2.zip", 1234, seed: 2);
        var logger = new ListLogger();
        var service = new TransferService(server.Options(remote), logger);

        var result = await service.UploadAsync([a, b]);

        output.WriteLine(result.Render());

        Assert.True(result.Succeeded, result.Render());
        Assert.Equal(1, result.Attempts);
        Assert.Equal(["college_users_1.zip", "college_users_2.zip"], Names(remote));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(Path.Combine(remote, "college_users_1.zip")));
        Assert.Equal(File.ReadAllBytes(b), File.ReadAllBytes(Path.Combine(remote, "college_users_2.zip")));
        Assert.All(result.Placed, p => Assert.Equal(PlacementOutcome.Uploaded, p.Outcome));
        Assert.Equal(remote + "/college_users_1.zip", result.Placed[0].RemotePath);
        Assert.Equal(300_000, result.Placed[0].SizeBytes);
        Assert.Equal(TimeSpan.Zero, result.Placed[0].PlacedAtUtc.Offset);
        Assert.Contains("uploaded", result.Render());
        Assert.DoesNotContain(SshServer.UserKeyPassphrase, result.Render());
        Assert.DoesNotContain(logger.Lines, l => l.Contains(SshServer.UserKeyPassphrase, StringComparison.Ordinal));
        Assert.NotEmpty(logger.Lines);
    }

    [Fact]
    public async Task Wrong_host_key_fails_without_retry_and_sends_nothing()
    {
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", 1000);
        var options = server.Options(remote);
        var wrong = HostKeyFingerprint.Format(Convert.ToBase64String(SHA256.HashData("not the server's key"u8.ToArray())));
        options.Sftp.HostKeySha256 = wrong;

        var result = await new TransferService(options).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.False(result.Succeeded);
        Assert.Equal(TransferFailureKind.HostKeyMismatch, result.Failure!.Kind);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(Names(remote));
        Assert.Contains($"127.0.0.1 port {server.Port}", result.Failure.Message);
        Assert.Contains(server.HostKeySha256, result.Failure.Message);
        Assert.Contains(wrong, result.Failure.Message);
    }

    [Fact]
    public async Task Wrong_user_key_is_an_authentication_failure_without_retry()
    {
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", 1000);
        var options = server.Options(remote);
        options.Sftp.PrivateKeyPath = server.OtherUserKeyPath;
        options.Sftp.PrivateKeyPassphrase = null;

        var result = await new TransferService(options).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.Authentication, result.Failure?.Kind);
        Assert.Equal(1, result.Attempts);
        Assert.Contains(server.OtherUserKeyPath, result.Failure!.Message);
        Assert.Contains(server.User, result.Failure.Message);
        Assert.Empty(Names(remote));
    }

    [Fact]
    public async Task Wrong_passphrase_is_a_private_key_failure()
    {
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", 1000);
        var options = server.Options(remote);
        options.Sftp.PrivateKeyPassphrase = "not the passphrase";

        var result = await new TransferService(options).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.PrivateKey, result.Failure?.Kind);
        Assert.Equal(1, result.Attempts);
        Assert.Contains(server.UserKeyPath, result.Failure!.Message);
        Assert.DoesNotContain("not the passphrase", result.Render());
    }

    [Fact]
    public async Task Read_only_account_is_refused_and_leaves_nothing()
    {
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", 1000);
        var options = server.Options(remote);
        options.Sftp.Port = server.ReadOnlyPort;

        var result = await new TransferService(options).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.PermissionDenied, result.Failure?.Kind);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(result.Placed);
        Assert.Empty(Names(remote));
    }

    [Fact]
    public async Task Over_the_cap_nothing_is_uploaded_and_the_result_says_by_how_much()
    {
        // Ex Libris layout: the cap covers the institution directory, production and sandbox together.
        var institution = server.NewRemoteDirectory();
        var production = Path.Combine(institution, "production");
        var sandbox = Path.Combine(institution, "sandbox");
        Directory.CreateDirectory(production);
        Directory.CreateDirectory(sandbox);
        File.WriteAllBytes(Path.Combine(sandbox, "college_test.zip"), new byte[600]);
        File.WriteAllBytes(Path.Combine(production, "other_feed.zip.handled"), new byte[400]);
        var zip = _outbox.Zip("college_users.zip", 800);
        var options = server.Options(production, UploadKind.ExLibrisSecureFtp);
        options.Sftp.DirectoryCapBytes = 1500;

        var result = await new TransferService(options).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.CapExceeded, result.Failure?.Kind);
        Assert.Equal(300, result.Cap!.OverByBytes);
        Assert.Equal(1000, result.Cap.UsedBytes);
        Assert.Equal(800, result.Cap.IncomingBytes);
        Assert.Equal(institution, result.Cap.ScopePath);
        Assert.Contains("over its cap by 300 bytes", result.Failure!.Message);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(["other_feed.zip.handled"], Names(production));
    }

    [Fact]
    public async Task Stale_parts_of_this_college_are_removed_and_others_left()
    {
        var remote = server.NewRemoteDirectory();
        File.WriteAllBytes(Path.Combine(remote, "college_users_old.zip.part"), new byte[50]);
        File.WriteAllBytes(Path.Combine(remote, "college_users.zip.part"), new byte[70]);
        File.WriteAllBytes(Path.Combine(remote, "othercollege.zip.part"), new byte[10]);
        var zip = _outbox.Zip("college_users.zip", 2000);

        var result = await new TransferService(server.Options(remote)).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.True(result.Succeeded, result.Render());
        Assert.Equal(["college_users.zip", "othercollege.zip.part"], Names(remote));
        Assert.Equal(2, result.Removed.Count);
        Assert.All(result.Removed, r => Assert.Equal(RemovalReason.StalePart, r.Reason));
        Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(Path.Combine(remote, "college_users.zip")));
    }

    [Fact]
    public async Task Rerun_uploads_nothing_twice()
    {
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", 5000);
        var service = new TransferService(server.Options(remote));

        var first = await service.UploadAsync([zip]);
        var second = await service.UploadAsync([zip]);

        Assert.True(first.Succeeded, first.Render());
        Assert.True(second.Succeeded, second.Render());
        Assert.Equal(PlacementOutcome.Uploaded, Assert.Single(first.Placed).Outcome);
        var again = Assert.Single(second.Placed);
        Assert.Equal(PlacementOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal(first.Placed[0].RemotePath, again.RemotePath);
        Assert.Equal(0, second.Cap!.IncomingBytes);
        Assert.Empty(second.Warnings);
        Assert.Equal(["college_users.zip"], Names(remote));
    }

    [Fact]
    public async Task Same_name_with_another_size_is_a_conflict_and_the_remote_file_is_kept()
    {
        var remote = server.NewRemoteDirectory();
        File.WriteAllBytes(Path.Combine(remote, "college_users.zip"), new byte[10]);
        var zip = _outbox.Zip("college_users.zip", 5000);

        var result = await new TransferService(server.Options(remote)).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.NameConflict, result.Failure?.Kind);
        Assert.Equal(10, new FileInfo(Path.Combine(remote, "college_users.zip")).Length);
        Assert.Equal(["college_users.zip"], Names(remote));
    }

    [Fact]
    public async Task Waiting_zip_is_warned_about_and_handled_files_are_pruned_when_asked()
    {
        var remote = server.NewRemoteDirectory();
        File.WriteAllBytes(Path.Combine(remote, "college_users_monday.zip.handled"), new byte[100]);
        File.WriteAllBytes(Path.Combine(remote, "college_users_tuesday.zip"), new byte[100]);
        File.WriteAllBytes(Path.Combine(remote, "otherfeed_monday.zip.handled"), new byte[100]);
        var expired = Path.Combine(remote, "college_users_january.zip");
        File.WriteAllBytes(expired, new byte[100]);
        File.SetLastWriteTimeUtc(expired, DateTime.UtcNow.AddDays(-45));
        var zip = _outbox.Zip("college_users_wednesday.zip", 3000);
        var options = server.Options(remote);
        options.Sftp.RetentionDays = 30;

        // Without pruning: nothing removed, the waiting zips are named in a warning.
        var plain = await new TransferService(options).UploadAsync([zip]);
        Assert.True(plain.Succeeded, plain.Render());
        Assert.Empty(plain.Removed);
        var warning = Assert.Single(plain.Warnings);
        Assert.Contains("college_users_tuesday.zip", warning);
        Assert.Contains("college_users_january.zip", warning);
        Assert.Contains("warning:", plain.Render());

        options.Upload.PruneHandled = true;
        options.Upload.PruneExpired = true;
        var pruned = await new TransferService(options).UploadAsync([zip]);

        Assert.True(pruned.Succeeded, pruned.Render());
        Assert.Equal(
            [(remote + "/college_users_january.zip", RemovalReason.Expired), (remote + "/college_users_monday.zip.handled", RemovalReason.Handled)],
            pruned.Removed.Select(r => (r.RemotePath, r.Reason)).OrderBy(r => r.RemotePath, StringComparer.Ordinal));
        Assert.Equal(["college_users_tuesday.zip", "college_users_wednesday.zip", "otherfeed_monday.zip.handled"], Names(remote));
    }

    [Fact]
    public async Task A_zip_alma_already_handled_is_not_sent_again()
    {
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users.zip", 4000);
        File.Copy(zip, Path.Combine(remote, "college_users.zip.handled"));

        var result = await new TransferService(server.Options(remote)).UploadAsync([zip]);

        output.WriteLine(result.Render());

        Assert.True(result.Succeeded, result.Render());
        Assert.Equal(PlacementOutcome.AlreadyHandled, Assert.Single(result.Placed).Outcome);
        Assert.Equal(["college_users.zip.handled"], Names(remote));
    }

    [Fact]
    public async Task Missing_remote_directory_is_reported_without_retry()
    {
        var options = server.Options(Path.Combine(server.Files, "no-such-dir"));
        var result = await new TransferService(options).UploadAsync([_outbox.Zip("college_users.zip", 10)]);
        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.DirectoryNotFound, result.Failure?.Kind);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Refused_connection_is_retried_then_reported()
    {
        var options = server.Options(server.NewRemoteDirectory());
        options.Sftp.Port = server.Port == 1 ? 2 : 1; // nothing listens on port 1
        options.Upload.MaxAttempts = 2;

        var result = await new TransferService(options).UploadAsync([_outbox.Zip("college_users.zip", 10)]);

        output.WriteLine(result.Render());

        Assert.Equal(TransferFailureKind.Network, result.Failure?.Kind);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("127.0.0.1 port", result.Failure!.Message);
        Assert.Contains("refused", result.Failure.Message);
    }

    [Fact]
    public async Task Cancelling_breaks_off_the_upload_and_alma_sees_no_zip()
    {
        const int size = 48 * 1024 * 1024;
        var remote = server.NewRemoteDirectory();
        var zip = _outbox.Zip("college_users_big.zip", size, seed: 3);
        var part = Path.Combine(remote, "college_users_big.zip.part");
        using var cts = new CancellationTokenSource();
        var watcher = PartFileWatch.WhenAtLeast(part, 4 * 1024 * 1024, cts.Cancel, cts.Token);
        var logger = new ListLogger();
        var service = new TransferService(server.Options(remote), logger);

        var result = await service.UploadAsync([zip], cancellationToken: cts.Token);
        await cts.CancelAsync();
        var cancelledAt = await watcher;
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff}");
        logger.Lines.ForEach(output.WriteLine);
        output.WriteLine(result.Render());

        Assert.True(cancelledAt is > 0 and < size, $"cancelled during the upload (at {cancelledAt} bytes)");
        Assert.Equal(TransferFailureKind.Cancelled, result.Failure?.Kind);
        Assert.Empty(result.Placed);
        Assert.DoesNotContain(Directory.GetFiles(remote), f => f.EndsWith(".zip", StringComparison.Ordinal));

        var rerun = await service.UploadAsync([zip]);
        Assert.True(rerun.Succeeded, rerun.Render());
        Assert.Equal(["college_users_big.zip"], Names(remote));
    }

    [Fact]
    public async Task Test_connection_reports_every_check()
    {
        var remote = server.NewRemoteDirectory();
        File.WriteAllBytes(Path.Combine(remote, "college_users_monday.zip"), new byte[100]);
        var options = server.Options(remote);
        options.Sftp.DirectoryCapBytes = 1_000_000;

        var result = await new TransferService(options).TestConnectionAsync();

        output.WriteLine(result.Render());

        Assert.True(result.Succeeded, result.Render());
        Assert.Equal(
            ["reachable", "host key", "authentication", "remote directory", "write permission", "room under cap", "waiting zips"],
            result.Checks.Select(c => c.Name));
        Assert.Equal(
            [CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Warning],
            result.Checks.Select(c => c.Status));
        Assert.Equal(["college_users_monday.zip"], result.WaitingZips);
        var lines = result.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith("ok    reachable", lines[1]);
        Assert.Contains(server.HostKeySha256, lines[2]);
        Assert.StartsWith("warn  waiting zips", lines[7]);
        Assert.Contains("college_users_monday.zip", lines[7]);
        Assert.Equal(["college_users_monday.zip"], Names(remote)); // the probe is gone
    }

    [Fact]
    public async Task Test_connection_fails_write_permission_on_a_read_only_account()
    {
        var remote = server.NewRemoteDirectory();
        var options = server.Options(remote);
        options.Sftp.Port = server.ReadOnlyPort;

        var result = await new TransferService(options).TestConnectionAsync();

        output.WriteLine(result.Render());

        Assert.False(result.Succeeded);
        var write = Assert.Single(result.Checks, c => c.Name == "write permission");
        Assert.Equal(CheckStatus.Failed, write.Status);
        Assert.Equal(CheckStatus.Ok, result.Checks.Single(c => c.Name == "authentication").Status);
        Assert.StartsWith("FAIL  write permission", write.ToString());
        Assert.Empty(Names(remote));
    }

    [Fact]
    public async Task Test_connection_stops_at_a_wrong_host_key()
    {
        var options = server.Options(server.NewRemoteDirectory());
        options.Sftp.HostKeySha256 = HostKeyFingerprint.Format(Convert.ToBase64String(new byte[32]));

        var result = await new TransferService(options).TestConnectionAsync();

        output.WriteLine(result.Render());

        Assert.Equal(
            [CheckStatus.Ok, CheckStatus.Failed, CheckStatus.Skipped, CheckStatus.Skipped, CheckStatus.Skipped, CheckStatus.Skipped, CheckStatus.Skipped],
            result.Checks.Select(c => c.Status));
        Assert.Contains(server.HostKeySha256, result.Checks[1].Detail);
    }

    [Fact]
    public async Task Test_connection_reports_an_unreachable_port()
    {
        var options = server.Options(server.NewRemoteDirectory());
        options.Sftp.Port = 1;

        var result = await new TransferService(options).TestConnectionAsync();

        output.WriteLine(result.Render());

        Assert.Equal(CheckStatus.Failed, result.Checks[0].Status);
        Assert.Contains("port 1", result.Checks[0].Detail);
        Assert.All(result.Checks.Skip(1), c => Assert.Equal(CheckStatus.Skipped, c.Status));
    }

    [Fact]
    public async Task Print_host_key_shows_what_ssh_keygen_shows()
    {
        var options = new TransferOptions { Sftp = new SftpOptions { Host = "127.0.0.1", Port = server.Port } };

        var key = await TransferService.FetchHostKeyAsync(options);

        Assert.Equal(server.HostKeySha256, key.FingerprintSha256);
        Assert.Equal("ssh-ed25519", key.Algorithm);
        Assert.Contains("Sftp:HostKeySha256 = " + server.HostKeySha256, key.Render());
    }
}
