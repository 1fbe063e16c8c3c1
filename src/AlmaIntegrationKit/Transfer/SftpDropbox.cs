using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace AlmaIntegrationKit.Transfer;

/// <summary>The remote directory over SFTP (SSH.NET), with the host key always verified.</summary>
internal sealed class SftpDropbox : IDropbox
{
    private readonly SftpOptions _options;
    private readonly IReadOnlyList<string> _fingerprints;
    private PrivateKeyFile? _key;
    private SftpClient? _client;

    public SftpDropbox(SftpOptions options, UploadKind kind)
    {
        _options = options;
        HostKeyFingerprint.TryParseList(options.HostKeySha256, out _fingerprints, out _);
        Directory = options.RemoteDirectory!;
        Destination = $"sftp://{options.Username}@{options.Host}:{options.Port}{(Directory.StartsWith('/') ? "" : "/")}{Directory}";
        var last = RemotePath.LastSegment(Directory);
        CapScope = kind == UploadKind.ExLibrisSecureFtp && last is "production" or "sandbox"
            ? RemotePath.Parent(Directory)
            : Directory;
    }

    public string Destination { get; }

    public string Directory { get; }

    public string CapScope { get; }

    private string HostPort => $"{_options.Host}:{_options.Port}";

    /// <summary>The fingerprint the server presented on the last connection (SHA256:...), if the handshake got that far.</summary>
    public string? PresentedFingerprint { get; private set; }

    /// <summary>The algorithm of the key the server presented.</summary>
    public string? PresentedAlgorithm { get; private set; }

    /// <summary>Whether the last connection was refused because the host key did not match.</summary>
    public bool HostKeyRejected { get; private set; }

    /// <summary>Whether the last connection got past authentication.</summary>
    public bool Authenticated { get; private set; }

    public void Connect()
    {
        Disconnect();
        PresentedFingerprint = null;
        PresentedAlgorithm = null;
        HostKeyRejected = false;
        Authenticated = false;

        var methods = new List<AuthenticationMethod>();
        if (!string.IsNullOrWhiteSpace(_options.PrivateKeyPath))
        {
            methods.Add(new PrivateKeyAuthenticationMethod(_options.Username!, LoadKey()));
        }

        if (!string.IsNullOrEmpty(_options.Password))
        {
            methods.Add(new PasswordAuthenticationMethod(_options.Username!, _options.Password));
        }

        var info = new ConnectionInfo(_options.Host!, _options.Port, _options.Username!, [.. methods])
        {
            Timeout = TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds),
        };
        var client = new SftpClient(info)
        {
            OperationTimeout = TimeSpan.FromSeconds(_options.OperationTimeoutSeconds),
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        };
        client.HostKeyReceived += (_, e) =>
        {
            PresentedFingerprint = HostKeyFingerprint.Format(e.FingerPrintSHA256);
            PresentedAlgorithm = e.HostKeyName;
            var presented = e.FingerPrintSHA256.TrimEnd('=');
            e.CanTrust = _fingerprints.Any(f => string.Equals(f, presented, StringComparison.Ordinal));
            HostKeyRejected = !e.CanTrust;
        };
        _client = client;
        client.Connect();
        Authenticated = true;
    }

    private PrivateKeyFile LoadKey()
    {
        if (_key is not null)
        {
            return _key;
        }

        var path = _options.PrivateKeyPath!;
        try
        {
            _key = new PrivateKeyFile(path, string.IsNullOrEmpty(_options.PrivateKeyPassphrase) ? null : _options.PrivateKeyPassphrase);
            return _key;
        }
        catch (SshPassPhraseNullOrEmptyException ex)
        {
            throw new TransferException(new TransferFailure(TransferFailureKind.PrivateKey,
                $"The private key file '{path}' is protected by a passphrase and none is configured.",
                "Set Sftp:PrivateKeyPassphrase (in user secrets or the environment, not in a file under version control)."), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransferException(new TransferFailure(TransferFailureKind.PrivateKey,
                $"The private key file '{path}' cannot be read: {ex.Message}",
                "Check Sftp:PrivateKeyPath and that the account running the job may read the file."), ex);
        }
        catch (Exception ex) when (ex is SshException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            throw new TransferException(new TransferFailure(TransferFailureKind.PrivateKey,
                $"The private key file '{path}' cannot be used: {ex.Message}",
                "Check Sftp:PrivateKeyPassphrase, and that the file is a private key in OpenSSH or PEM format (ssh-keygen -y -f <file> must print its public key)."), ex);
        }
    }

    public void Disconnect()
    {
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                client.Disconnect();
            }
        }
        catch (Exception)
        {
            // The connection may already be gone; nothing to do.
        }

        try
        {
            client.Dispose();
        }
        catch (Exception)
        {
            // Same.
        }
    }

    public void Abort()
    {
        try
        {
            _client?.Disconnect();
        }
        catch (Exception)
        {
            // Breaking the connection is all that is wanted.
        }
    }

    public void Dispose()
    {
        Disconnect();
        (_key as IDisposable)?.Dispose();
        _key = null;
    }

    private SftpClient Client => _client ?? throw new SshConnectionException("Not connected.");

    public bool DirectoryExists(string path)
    {
        if (!Client.Exists(path))
        {
            return false;
        }

        return Client.GetAttributes(path).IsDirectory;
    }

    public IReadOnlyList<RemoteEntry> List(string directory) =>
        Client.ListDirectory(directory)
            .Where(f => f.Name is not "." and not ".." && (f.IsRegularFile || f.IsDirectory))
            .Select(f => new RemoteEntry(f.Name, RemotePath.Combine(directory, f.Name), f.Length, f.LastWriteTimeUtc, f.IsDirectory))
            .ToList();

    public void Upload(Stream source, string path, Action<long> bytesSent) =>
        Client.UploadFile(source, path, canOverride: true, sent => bytesSent((long)sent));

    public long? SizeOf(string path)
    {
        try
        {
            return Client.GetAttributes(path).Size;
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    public void Rename(string from, string to) => Client.RenameFile(from, to);

    public void Delete(string path) => Client.DeleteFile(path);

    public (TransferFailure Failure, bool Transient) Classify(Exception error, string doing)
    {
        var where = $"{_options.Host} port {_options.Port}";
        if (error is TransferException te)
        {
            return (te.Failure, te.Transient);
        }

        if (HostKeyRejected)
        {
            var configured = string.Join(" or ", _fingerprints.Select(HostKeyFingerprint.Format));
            return (new TransferFailure(TransferFailureKind.HostKeyMismatch,
                $"{where} presented the host key {PresentedAlgorithm} {PresentedFingerprint}, which is not the configured Sftp:HostKeySha256 ({configured}); nothing was sent.",
                "If the provider announced a new host key, confirm it by another channel and update Sftp:HostKeySha256. If not, someone may be intercepting the connection: do not change the setting, and tell your security team."), false);
        }

        switch (error)
        {
            case OperationCanceledException:
                return (new TransferFailure(TransferFailureKind.Cancelled, $"Cancelled while {doing}.", ""), false);
            case SshAuthenticationException:
                var how = string.IsNullOrWhiteSpace(_options.PrivateKeyPath) ? "a password" : $"the key file '{_options.PrivateKeyPath}'";
                return (new TransferFailure(TransferFailureKind.Authentication,
                    $"{where} refused to log in user '{_options.Username}' with {how}: {error.Message}",
                    "Check Sftp:Username, and that the public half of the key is installed for that account on the server (for Ex Libris Secure FTP: the public key you sent to Ex Libris; ssh-keygen -y -f <key file> prints it)."), false);
            case SshPassPhraseNullOrEmptyException:
                return (new TransferFailure(TransferFailureKind.PrivateKey, $"The private key file '{_options.PrivateKeyPath}' needs a passphrase.", "Set Sftp:PrivateKeyPassphrase."), false);
            case SftpPermissionDeniedException:
                return (new TransferFailure(TransferFailureKind.PermissionDenied,
                    $"{where} refused {doing} in '{Directory}' for user '{_options.Username}': {error.Message}",
                    "Check that the account may write, rename and delete files in Sftp:RemoteDirectory (test-connection checks this)."), false);
            case SftpPathNotFoundException:
                return (new TransferFailure(TransferFailureKind.DirectoryNotFound,
                    $"{where} reports that a path was not found while {doing} in '{Directory}': {error.Message}",
                    "Check Sftp:RemoteDirectory."), false);
            case ProxyException:
                return (new TransferFailure(TransferFailureKind.Network, $"The proxy refused the connection to {where}: {error.Message}", "Check the proxy settings."), false);
        }

        if (FindSocketError(error) is { } socket)
        {
            var (reason, transient) = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ("the connection was refused", true),
                SocketError.ConnectionReset => ("the connection was reset", true),
                SocketError.ConnectionAborted => ("the connection was aborted", true),
                SocketError.TimedOut => ("the connection timed out", true),
                SocketError.HostUnreachable => ("the host is unreachable", true),
                SocketError.NetworkUnreachable => ("the network is unreachable", true),
                SocketError.NetworkDown => ("the network is down", true),
                SocketError.NetworkReset => ("the network connection was reset", true),
                SocketError.TryAgain => ("the host name could not be resolved just now", true),
                SocketError.Shutdown or SocketError.NotConnected => ("the connection was closed", true),
                SocketError.HostNotFound or SocketError.NoData => ("the host name was not found", false),
                _ => ($"a network error occurred ({socket.SocketErrorCode})", true),
            };
            if (Authenticated)
                return (Broke(where, doing, reason), transient); // reached and let in: the host name and the firewall are not the question

            return (new TransferFailure(TransferFailureKind.Network,
                $"Cannot reach {where} while {doing}: {reason}.",
                "Check Sftp:Host and Sftp:Port, that the server is up, and that the firewall lets this machine open outbound TCP connections to that port."), transient);
        }

        switch (error)
        {
            case SshConnectionException ce when ce.DisconnectReason == DisconnectReason.NoMoreAuthenticationMethodsAvailable:
                return (new TransferFailure(TransferFailureKind.Authentication,
                    $"{where} accepted none of the offered authentication methods for user '{_options.Username}': {error.Message}",
                    "Check Sftp:Username and that the server accepts the configured key."), false);
            case SshConnectionException when PresentedFingerprint is not null && !Authenticated && error.Message.Contains("auth", StringComparison.OrdinalIgnoreCase):
                return (new TransferFailure(TransferFailureKind.Authentication,
                    $"{where} closed the connection during authentication of user '{_options.Username}': {error.Message}",
                    "Check Sftp:Username and the key."), false);
            case SshConnectionException or IOException or ObjectDisposedException when Authenticated:
                return (Broke(where, doing, error.Message.TrimEnd('.')), true); // the server closed the session it had let us into
            case SshConnectionException or SshOperationTimeoutException or TimeoutException or IOException or ObjectDisposedException:
                return (new TransferFailure(TransferFailureKind.Network,
                    $"The connection to {where} failed while {doing}: {error.Message}",
                    "Check that the server is up and reachable; a later run continues where this one stopped."), true);
            case SshException:
                return (new TransferFailure(TransferFailureKind.Unexpected,
                    $"{where} reported an error while {doing} in '{Directory}': {error.Message}",
                    "Check the server's logs or ask its administrator; the message above is the server's."), false);
            default:
                return (new TransferFailure(TransferFailureKind.Unexpected, $"Unexpected error while {doing} ({where}): {error.GetType().Name}: {error.Message}", ""), false);
        }
    }

    private static SocketException? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException s)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Connects only far enough to see the server's host key; trusts nothing and sends no credential.</summary>
    public static HostKeyInfo FetchHostKey(string host, int port, TimeSpan timeout)
    {
        HostKeyInfo? seen = null;
        var info = new ConnectionInfo(host, port, "alma-kit-host-key-probe", new NoneAuthenticationMethod("alma-kit-host-key-probe"))
        {
            Timeout = timeout,
        };
        using var client = new SftpClient(info);
        client.HostKeyReceived += (_, e) =>
        {
            seen = new HostKeyInfo(host, port, e.HostKeyName, e.KeyLength, HostKeyFingerprint.Format(e.FingerPrintSHA256));
            e.CanTrust = false;
        };
        try
        {
            client.Connect();
        }
        catch (Exception ex) when (seen is null)
        {
            throw new TransferException(new TransferFailure(TransferFailureKind.Network,
                $"Could not read the host key of {host} port {port}: {ex.Message}",
                "Check the host name and port, and that this machine may connect to it."), ex);
        }
        catch (Exception)
        {
            // Expected: the key was deliberately not trusted.
        }

        return seen!;
    }

    private static TransferFailure Broke(string where, string doing, string reason) => new(TransferFailureKind.Network,
        $"The connection to {where} broke while {doing}: {reason}. A zip is only visible to Alma once its .part is renamed; the next attempt looks at the server, removes a .part left behind and finishes the work.",
        "Nothing to change if this is rare (the server or the network dropped the session); if it happens every night, ask the server's administrator about idle or session limits.");
}
