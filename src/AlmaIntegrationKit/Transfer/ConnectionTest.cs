using System.Net.Sockets;
using System.Text;

namespace AlmaIntegrationKit.Transfer;

/// <summary>The checks of <c>test-connection</c>, each one a line with a reason.</summary>
internal static class ConnectionTest
{
    public const string Reachable = "reachable";
    public const string HostKey = "host key";
    public const string Authentication = "authentication";
    public const string Folder = "folder";
    public const string RemoteDirectory = "remote directory";
    public const string WritePermission = "write permission";
    public const string RoomUnderCap = "room under cap";
    public const string WaitingZips = "waiting zips";

    public static async Task<ConnectionTestResult> RunAsync(IDropbox box, TransferOptions options, DropboxRules rules, CancellationToken ct)
    {
        var checks = new List<ConnectionCheck>();
        IReadOnlyList<string> waiting = [];
        var names = new List<string>();
        if (box is SftpDropbox sftp)
        {
            names.AddRange([Reachable, HostKey, Authentication]);
            var host = options.Sftp.Host!;
            var port = options.Sftp.Port;
            var reach = await TcpReachAsync(host, port, TimeSpan.FromSeconds(options.Sftp.ConnectTimeoutSeconds), ct).ConfigureAwait(false);
            checks.Add(reach);
            if (reach.Status == CheckStatus.Failed)
            {
                return Finish();
            }

            var connected = await Task.Run(() =>
            {
                try
                {
                    sftp.Connect();
                    checks.Add(new(HostKey, CheckStatus.Ok, $"{sftp.PresentedAlgorithm} {sftp.PresentedFingerprint} matches Sftp:HostKeySha256"));
                    checks.Add(new(Authentication, CheckStatus.Ok, $"logged in as '{options.Sftp.Username}' with {Credential(options)}"));
                    return true;
                }
                catch (Exception ex)
                {
                    var (f, _) = sftp.Classify(ex, "connecting");
                    if (f.Kind == TransferFailureKind.HostKeyMismatch)
                    {
                        checks.Add(new(HostKey, CheckStatus.Failed, $"{f.Message} {f.Hint}"));
                    }
                    else if (sftp.PresentedFingerprint is null)
                    {
                        checks.Add(new(HostKey, CheckStatus.Failed, $"no host key was received: {f.Message} {f.Hint}"));
                    }
                    else
                    {
                        checks.Add(new(HostKey, CheckStatus.Ok, $"{sftp.PresentedAlgorithm} {sftp.PresentedFingerprint} matches Sftp:HostKeySha256"));
                        checks.Add(new(Authentication, CheckStatus.Failed, $"{f.Message} {f.Hint}"));
                    }

                    return false;
                }
            }, ct).ConfigureAwait(false);
            if (!connected)
            {
                return Finish();
            }
        }
        else
        {
            names.Add(Folder);
            try
            {
                box.Connect();
                checks.Add(new(Folder, CheckStatus.Ok, $"{box.Directory} exists"));
            }
            catch (Exception ex)
            {
                var (f, _) = box.Classify(ex, "opening the folder");
                checks.Add(new(Folder, CheckStatus.Failed, $"{f.Message} {f.Hint}"));
                return Finish();
            }
        }

        names.AddRange([RemoteDirectory, WritePermission, RoomUnderCap, WaitingZips]);
        try
        {
            await Task.Run(() => Remote(box, rules, checks, out waiting), ct).ConfigureAwait(false);
        }
        finally
        {
            box.Disconnect();
        }

        return Finish();

        ConnectionTestResult Finish()
        {
            foreach (var name in names.Concat([RemoteDirectory, WritePermission, RoomUnderCap, WaitingZips]).Distinct())
            {
                if (!checks.Any(c => c.Name == name))
                {
                    checks.Add(new(name, CheckStatus.Skipped, "not checked: an earlier check failed"));
                }
            }

            return new ConnectionTestResult { Destination = box.Destination, Checks = checks, WaitingZips = waiting };
        }
    }

    private static void Remote(IDropbox box, DropboxRules rules, List<ConnectionCheck> checks, out IReadOnlyList<string> waiting)
    {
        waiting = [];
        List<RemoteEntry> entries;
        try
        {
            if (!box.DirectoryExists(box.Directory))
            {
                checks.Add(new(RemoteDirectory, CheckStatus.Failed, $"'{box.Directory}' does not exist. Check Sftp:RemoteDirectory (Ex Libris: production or sandbox) or Folder:Path."));
                return;
            }

            entries = box.List(box.Directory).Where(e => !e.IsDirectory).ToList();
            checks.Add(new(RemoteDirectory, CheckStatus.Ok, $"'{box.Directory}' exists and lists {entries.Count} file(s)"));
        }
        catch (Exception ex)
        {
            var (f, _) = box.Classify(ex, "listing the remote directory");
            checks.Add(new(RemoteDirectory, CheckStatus.Failed, $"{f.Message} {f.Hint}"));
            return;
        }

        // The probe goes through the same steps as a real upload (write a .part, rename, delete) and is not a zip,
        // so Alma's job never reads it.
        var probe = RemotePath.Combine(box.Directory, $"alma-kit-probe-{Guid.NewGuid():N}.tmp");
        var probePart = probe + DropboxRules.PartSuffix;
        var step = "creating a probe file";
        try
        {
            using (var content = new MemoryStream(Encoding.ASCII.GetBytes("AlmaIntegrationKit write test\n")))
            {
                box.Upload(content, probePart, _ => { });
            }

            step = "renaming the probe file";
            box.Rename(probePart, probe);
            step = "removing the probe file";
            box.Delete(probe);
            checks.Add(new(WritePermission, CheckStatus.Ok, $"a probe file was created, renamed and removed in '{box.Directory}'"));
        }
        catch (Exception ex)
        {
            var (f, _) = box.Classify(ex, step);
            checks.Add(new(WritePermission, CheckStatus.Failed, $"{step} failed: {f.Message} {f.Hint}"));
            foreach (var leftover in new[] { probePart, probe })
            {
                try
                {
                    if (box.SizeOf(leftover) is not null)
                    {
                        box.Delete(leftover);
                    }
                }
                catch (Exception)
                {
                    // Best effort; the probe name says what it is.
                }
            }
        }

        try
        {
            var (scope, used) = DropboxRules.MeasureCapScope(box, out var note);
            var cap = new CapCheck(scope, used, 0, rules.CapBytes);
            checks.Add(note is not null
                ? new(RoomUnderCap, CheckStatus.Warning, $"{ByteSize.Format(used)} used in {scope}; {note}")
                : cap.CapBytes is { } c
                ? used >= c
                    ? new(RoomUnderCap, CheckStatus.Failed, $"{cap.ScopePath} holds {ByteSize.Format(used)}, at or over its cap of {ByteSize.Format(c)}: nothing more can be uploaded. Remove handled files or turn on pruning.")
                    : new(RoomUnderCap, CheckStatus.Ok, $"{ByteSize.Format(used)} used of {ByteSize.Format(c)} in {cap.ScopePath}; {ByteSize.Format(c - used)} free")
                : new(RoomUnderCap, CheckStatus.Ok, $"{ByteSize.Format(used)} used in {cap.ScopePath}; no cap configured"));
        }
        catch (Exception ex)
        {
            var (f, _) = box.Classify(ex, "measuring the directory");
            checks.Add(new(RoomUnderCap, CheckStatus.Failed, $"{f.Message} {f.Hint}"));
        }

        var w = DropboxRules.Waiting(entries).ToList();
        waiting = w.Select(e => e.Name).ToList();
        checks.Add(w.Count == 0
            ? new(WaitingZips, CheckStatus.Ok, "none: Alma has picked up every zip")
            : new(WaitingZips, CheckStatus.Warning, $"{w.Count} not yet picked up by Alma: {string.Join(", ", w.Select(DropboxRules.Describe))}"));
    }

    private static string Credential(TransferOptions o) =>
        string.IsNullOrWhiteSpace(o.Sftp.PrivateKeyPath) ? "a password" : $"key file '{o.Sftp.PrivateKeyPath}'";

    private static async Task<ConnectionCheck> TcpReachAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return new(Reachable, CheckStatus.Ok, $"{host} port {port} accepts TCP connections");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(Reachable, CheckStatus.Failed, $"{host} port {port} did not answer within {timeout.TotalSeconds:0} s. Check Sftp:Host and Sftp:Port and that the firewall lets this machine connect out to that port.");
        }
        catch (SocketException ex)
        {
            var why = ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "refused the connection (nothing listens there)",
                SocketError.HostNotFound or SocketError.NoData => "is not a known host name",
                _ => $"cannot be reached ({ex.SocketErrorCode})",
            };
            return new(Reachable, CheckStatus.Failed, $"{host} port {port} {why}. Check Sftp:Host and Sftp:Port, that the server is up, and that the firewall lets this machine connect out to that port.");
        }
    }
}
