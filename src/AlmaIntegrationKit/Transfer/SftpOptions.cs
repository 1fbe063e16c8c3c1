namespace AlmaIntegrationKit.Transfer;

/// <summary>The <c>Sftp</c> configuration section (environment variables: <c>Sftp__Host</c> and so on).</summary>
internal sealed class SftpOptions
{
    /// <summary>The SFTP server's host name or address (<c>Sftp:Host</c>).</summary>
    public string? Host { get; set; }

    /// <summary>The SFTP server's port (<c>Sftp:Port</c>, default 22).</summary>
    public int Port { get; set; } = 22;

    /// <summary>The account to log in as (<c>Sftp:Username</c>).</summary>
    public string? Username { get; set; }

    /// <summary>Path of the private key file, OpenSSH or PEM format (<c>Sftp:PrivateKeyPath</c>).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Passphrase of the private key, if it has one (<c>Sftp:PrivateKeyPassphrase</c>). A secret: never logged.</summary>
    public string? PrivateKeyPassphrase { get; set; }

    /// <summary>Password, for servers that accept one (<c>Sftp:Password</c>; not for Ex Libris Secure FTP). A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The server's host key fingerprint as <c>ssh-keygen -l</c> prints it: <c>SHA256:</c> and unpadded base64
    /// (<c>Sftp:HostKeySha256</c>). Several may be given, separated by commas, during a key rotation.</summary>
    public string? HostKeySha256 { get; set; }

    /// <summary>The directory Alma's SIS integration profile polls (<c>Sftp:RemoteDirectory</c>), e.g. <c>/production</c>.</summary>
    public string? RemoteDirectory { get; set; }

    /// <summary>Size cap of the directory in bytes (<c>Sftp:DirectoryCapBytes</c>); Ex Libris Secure FTP default 1 GB.</summary>
    public long? DirectoryCapBytes { get; set; }

    /// <summary>Days files are kept (<c>Sftp:RetentionDays</c>); Ex Libris Secure FTP default 30. Used by opt-in pruning.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>Seconds to wait for the TCP connection and SSH handshake (<c>Sftp:ConnectTimeoutSeconds</c>, default 30).</summary>
    public int ConnectTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds one SFTP operation may take before it is abandoned (<c>Sftp:OperationTimeoutSeconds</c>, default 120).</summary>
    public int OperationTimeoutSeconds { get; set; } = 120;

    /// <summary>Describes the options with every secret replaced by <c>***</c>.</summary>
    public override string ToString() =>
        $"Host={Host}, Port={Port}, Username={Username}, PrivateKeyPath={PrivateKeyPath}, " +
        $"PrivateKeyPassphrase={Redact(PrivateKeyPassphrase)}, Password={Redact(Password)}, HostKeySha256={HostKeySha256}, " +
        $"RemoteDirectory={RemoteDirectory}, DirectoryCapBytes={DirectoryCapBytes}, RetentionDays={RetentionDays}";

    internal static string Redact(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
