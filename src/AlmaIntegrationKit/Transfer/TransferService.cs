using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlmaIntegrationKit.Transfer;

/// <summary>
/// Places zips where Alma's SIS job picks them up (Ex Libris Secure FTP, another SFTP server, or a folder), atomically,
/// and tests that connection. Results are returned, not thrown; each has a <c>Render()</c> for people.
/// </summary>
internal sealed class TransferService
{
    private readonly TransferOptions _options;
    private readonly DropboxRules _rules;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the service. Throws <see cref="TransferException"/> (with
    /// <see cref="TransferException.ConfigurationErrors"/>) when the options do not validate.</summary>
    public TransferService(TransferOptions options, ILogger<TransferService>? logger = null)
        : this(options, logger, TimeProvider.System)
    {
    }

    internal TransferService(TransferOptions options, ILogger? logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new TransferException(errors);
        }

        _options = options;
        _rules = DropboxRules.From(options);
        _logger = logger ?? NullLogger.Instance;
        _time = time;
    }

    /// <summary>Where files go, e.g. <c>sftp://alma@sftp.example.edu:22/production</c>; never holds secrets.</summary>
    public string Destination
    {
        get
        {
            using var box = CreateDropbox();
            return box.Destination;
        }
    }

    /// <summary>
    /// Places the given zips: removes this college's stale <c>.part</c> files, prunes when opted in, skips files already
    /// there with the same name and size, checks the cap (over it, nothing is uploaded), then uploads each file as
    /// <c>name.zip.part</c>, checks its size and renames it to <c>name.zip</c>. Transient network errors are retried with
    /// exponential backoff; authentication and host-key errors are not. Never throws for transfer errors: see
    /// <see cref="UploadResult.Failure"/>.
    /// </summary>
    /// <param name="localZipPaths">The zips to place, usually the packager's output for this run.</param>
    /// <param name="progress">Optional; reported for each file as bytes go out. SSH.NET reports on pool threads, so
    /// reports can arrive out of order or shortly after the upload of that file has finished.</param>
    /// <param name="cancellationToken">Stops the run: an upload in flight is broken off (its <c>.part</c> is removed now or
    /// by the next run) and the result's failure is <see cref="TransferFailureKind.Cancelled"/>.</param>
    public Task<UploadResult> UploadAsync(IReadOnlyList<string> localZipPaths, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localZipPaths);
        return UploadCoreAsync(localZipPaths, progress, cancellationToken);
    }

    private async Task<UploadResult> UploadCoreAsync(IReadOnlyList<string> localZipPaths, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        using var box = CreateDropbox();
        var placement = new Placement(box, _rules, _logger, _time);
        return await placement.RunAsync(
            localZipPaths,
            _options.Upload.MaxAttempts,
            TimeSpan.FromSeconds(_options.Upload.RetryDelaySeconds),
            progress,
            ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks, one line each: reachability, host key, authentication (SFTP) or the folder, the remote directory, write
    /// permission (a probe file is created, renamed and removed), room under the cap, and the zips Alma has not picked
    /// up yet. Later checks are skipped when an earlier one fails. Tries once, without retries.
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        using var box = CreateDropbox();
        return await ConnectionTest.RunAsync(box, _options, _rules, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the host key the server presents, for first setup (<c>test-connection --print-host-key</c>). Nothing is
    /// trusted and no credential is sent. Needs only <c>Sftp:Host</c> and <c>Sftp:Port</c>, so it works before the rest
    /// of the options are complete. Throws <see cref="TransferException"/> when the server cannot be reached.
    /// </summary>
    public static Task<HostKeyInfo> FetchHostKeyAsync(TransferOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Sftp.Host))
        {
            throw new TransferException(["Sftp:Host is not set; set the SFTP server's host name to fetch its host key."]);
        }

        return FetchHostKeyAsync(options.Sftp.Host, options.Sftp.Port, TimeSpan.FromSeconds(options.Sftp.ConnectTimeoutSeconds), cancellationToken);
    }

    /// <summary>Fetches the host key a server presents; see <see cref="FetchHostKeyAsync(TransferOptions, CancellationToken)"/>.</summary>
    internal static Task<HostKeyInfo> FetchHostKeyAsync(string host, int port = 22, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        return Task.Run(() => SftpDropbox.FetchHostKey(host, port, timeout ?? TimeSpan.FromSeconds(30)), cancellationToken);
    }

    private IDropbox CreateDropbox() => _options.Upload.Kind == UploadKind.Folder
        ? new FolderDropbox(_options.Folder)
        : new SftpDropbox(_options.Sftp, _options.Upload.Kind!.Value);
}
