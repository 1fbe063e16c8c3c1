using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Transfer;

/// <summary>
/// Everything the upload needs, from the <c>Upload</c>, <c>Sftp</c> and <c>Folder</c> configuration sections
/// (JSON, user secrets, or environment variables such as <c>Sftp__Host</c>).
/// </summary>
internal sealed class TransferOptions
{
    /// <summary>The Ex Libris Secure FTP size cap from the college onboarding material (1 GB, read as 10^9 bytes, the
    /// smaller reading). Later Ex Libris material says 4 GB: set <c>Sftp:DirectoryCapBytes</c> to what your contract says.</summary>
    public const long ExLibrisDefaultCapBytes = 1_000_000_000;

    /// <summary>How long Ex Libris Secure FTP keeps files, in days.</summary>
    public const int ExLibrisDefaultRetentionDays = 30;

    private readonly List<string> _bindErrors = [];

    /// <summary>The <c>Upload</c> section.</summary>
    public UploadOptions Upload { get; set; } = new();

    /// <summary>The <c>Sftp</c> section (for <see cref="UploadKind.ExLibrisSecureFtp"/> and <see cref="UploadKind.Sftp"/>).</summary>
    public SftpOptions Sftp { get; set; } = new();

    /// <summary>The <c>Folder</c> section (for <see cref="UploadKind.Folder"/>).</summary>
    public FolderOptions Folder { get; set; } = new();

    /// <summary>
    /// Reads the options from configuration. Values that cannot be read (a port that is not a number) do not throw:
    /// they are reported by <see cref="Validate"/>, with the rest.
    /// </summary>
    public static TransferOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var o = new TransferOptions();
        var upload = configuration.GetSection("Upload");
        var sftp = configuration.GetSection("Sftp");
        var folder = configuration.GetSection("Folder");

        var kind = upload["Kind"];
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Enum.TryParse<UploadKind>(kind.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _))
            {
                o.Upload.Kind = k;
            }
            else
            {
                o._bindErrors.Add($"Upload:Kind is '{kind}'; set it to one of {string.Join(", ", Enum.GetNames<UploadKind>())}.");
            }
        }

        o.Upload.FilePrefix = Text(upload["FilePrefix"]);
        o.Upload.PruneHandled = o.Bool(upload, "Upload:PruneHandled", o.Upload.PruneHandled);
        o.Upload.PruneExpired = o.Bool(upload, "Upload:PruneExpired", o.Upload.PruneExpired);
        o.Upload.HandledSuffix = Text(upload["HandledSuffix"]) ?? o.Upload.HandledSuffix;
        o.Upload.MaxAttempts = o.Int(upload, "Upload:MaxAttempts") ?? o.Upload.MaxAttempts;
        o.Upload.RetryDelaySeconds = o.Double(upload, "Upload:RetryDelaySeconds") ?? o.Upload.RetryDelaySeconds;

        o.Sftp.Host = Text(sftp["Host"]);
        o.Sftp.Port = o.Int(sftp, "Sftp:Port") ?? o.Sftp.Port;
        o.Sftp.Username = Text(sftp["Username"]);
        o.Sftp.PrivateKeyPath = Text(sftp["PrivateKeyPath"]);
        o.Sftp.PrivateKeyPassphrase = sftp["PrivateKeyPassphrase"] is { Length: > 0 } pp ? pp : null;
        o.Sftp.Password = sftp["Password"] is { Length: > 0 } pw ? pw : null;
        o.Sftp.HostKeySha256 = Text(sftp["HostKeySha256"]);
        o.Sftp.RemoteDirectory = Text(sftp["RemoteDirectory"]);
        o.Sftp.DirectoryCapBytes = o.Long(sftp, "Sftp:DirectoryCapBytes");
        o.Sftp.RetentionDays = o.Int(sftp, "Sftp:RetentionDays");
        o.Sftp.ConnectTimeoutSeconds = o.Int(sftp, "Sftp:ConnectTimeoutSeconds") ?? o.Sftp.ConnectTimeoutSeconds;
        o.Sftp.OperationTimeoutSeconds = o.Int(sftp, "Sftp:OperationTimeoutSeconds") ?? o.Sftp.OperationTimeoutSeconds;

        o.Folder.Path = Text(folder["Path"]);
        o.Folder.DirectoryCapBytes = o.Long(folder, "Folder:DirectoryCapBytes");
        o.Folder.RetentionDays = o.Int(folder, "Folder:RetentionDays");
        return o;
    }

    /// <summary>The cap that applies: the configured one, else 1 GB for Ex Libris Secure FTP, else none.</summary>
    public long? EffectiveDirectoryCapBytes => Upload.Kind switch
    {
        UploadKind.Folder => Folder.DirectoryCapBytes,
        UploadKind.ExLibrisSecureFtp => Sftp.DirectoryCapBytes ?? ExLibrisDefaultCapBytes,
        _ => Sftp.DirectoryCapBytes,
    };

    /// <summary>The retention that applies: the configured one, else 30 days for Ex Libris Secure FTP, else none.</summary>
    public int? EffectiveRetentionDays => Upload.Kind switch
    {
        UploadKind.Folder => Folder.RetentionDays,
        UploadKind.ExLibrisSecureFtp => Sftp.RetentionDays ?? ExLibrisDefaultRetentionDays,
        _ => Sftp.RetentionDays,
    };

    /// <summary>
    /// Checks the options. Returns one message per problem, each naming the setting and saying what to put there;
    /// empty when the options can be used.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(_bindErrors);
        if (Upload.Kind is null)
        {
            if (!errors.Any(e => e.StartsWith("Upload:Kind", StringComparison.Ordinal)))
            {
                errors.Add("Upload:Kind is not set; set it to ExLibrisSecureFtp (the Ex Libris Secure FTP service), Sftp (another SFTP server) or Folder (a mounted share).");
            }

            return errors;
        }

        if (Upload.FilePrefix is { } prefix && prefix.IndexOfAny(['/', '\\', '*', '?']) >= 0)
        {
            errors.Add($"Upload:FilePrefix '{prefix}' contains a path separator or wildcard; give the literal start of the zip names, e.g. riverside_users_.");
        }

        if ((Upload.PruneHandled || Upload.PruneExpired) && string.IsNullOrEmpty(Upload.FilePrefix))
        {
            errors.Add("Upload:PruneHandled or Upload:PruneExpired is on but Upload:FilePrefix is not set; set the prefix of this college's zip names so that pruning never touches other files.");
        }

        if (string.IsNullOrWhiteSpace(Upload.HandledSuffix))
        {
            errors.Add("Upload:HandledSuffix is empty; leave it unset for '.handled' or set the suffix Alma adds to loaded files.");
        }

        if (Upload.MaxAttempts is < 1 or > 20)
        {
            errors.Add($"Upload:MaxAttempts is {Upload.MaxAttempts}; set a number from 1 to 20.");
        }

        if (Upload.RetryDelaySeconds is < 0 or > 600 || double.IsNaN(Upload.RetryDelaySeconds))
        {
            errors.Add($"Upload:RetryDelaySeconds is {Upload.RetryDelaySeconds}; set a number of seconds from 0 to 600.");
        }

        if (Upload.Kind == UploadKind.Folder)
        {
            ValidateFolder(errors);
        }
        else
        {
            ValidateSftp(errors, Upload.Kind == UploadKind.ExLibrisSecureFtp);
        }

        if (Upload.PruneExpired && EffectiveRetentionDays is null)
        {
            var key = Upload.Kind == UploadKind.Folder ? "Folder:RetentionDays" : "Sftp:RetentionDays";
            errors.Add($"Upload:PruneExpired is on but {key} is not set; set how many days files are kept.");
        }

        return errors;
    }

    private void ValidateFolder(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Folder.Path))
        {
            errors.Add("Folder:Path is not set; set it to the folder (mounted share) that Alma's S/FTP server serves.");
        }
        else if (!Directory.Exists(Folder.Path))
        {
            errors.Add($"Folder:Path '{Folder.Path}' does not exist or is not a folder; check that the share is mounted and the path is right.");
        }

        if (Folder.DirectoryCapBytes is <= 0)
        {
            errors.Add($"Folder:DirectoryCapBytes is {Folder.DirectoryCapBytes}; set a positive number of bytes, or remove it for no cap.");
        }

        if (Folder.RetentionDays is <= 0)
        {
            errors.Add($"Folder:RetentionDays is {Folder.RetentionDays}; set a positive number of days.");
        }
    }

    private void ValidateSftp(List<string> errors, bool exLibris)
    {
        if (string.IsNullOrWhiteSpace(Sftp.Host))
        {
            errors.Add(exLibris
                ? "Sftp:Host is not set; set it to the Ex Libris Secure FTP host name given in your onboarding material."
                : "Sftp:Host is not set; set it to the SFTP server's host name.");
        }

        if (Sftp.Port is < 1 or > 65535)
        {
            errors.Add($"Sftp:Port is {Sftp.Port}; set a port from 1 to 65535 (SFTP normally uses 22).");
        }

        if (string.IsNullOrWhiteSpace(Sftp.Username))
        {
            errors.Add("Sftp:Username is not set; set the account name you were given for the SFTP server.");
        }

        if (exLibris)
        {
            if (string.IsNullOrWhiteSpace(Sftp.PrivateKeyPath))
            {
                errors.Add("Sftp:PrivateKeyPath is not set; Ex Libris Secure FTP uses key-based access: set the path of the private key whose public half you sent to Ex Libris.");
            }

            if (!string.IsNullOrEmpty(Sftp.Password))
            {
                errors.Add("Sftp:Password is set but Ex Libris Secure FTP uses key-based access only; remove Sftp:Password (or use Upload:Kind=Sftp for a server that accepts passwords).");
            }
        }
        else if (string.IsNullOrWhiteSpace(Sftp.PrivateKeyPath) && string.IsNullOrEmpty(Sftp.Password))
        {
            errors.Add("Neither Sftp:PrivateKeyPath nor Sftp:Password is set; set the path of your private key (preferred) or a password.");
        }

        if (!string.IsNullOrWhiteSpace(Sftp.PrivateKeyPath) && !File.Exists(Sftp.PrivateKeyPath))
        {
            errors.Add($"Sftp:PrivateKeyPath '{Sftp.PrivateKeyPath}' does not exist or cannot be seen by this account; check the path and the file's permissions.");
        }

        if (string.IsNullOrWhiteSpace(Sftp.HostKeySha256))
        {
            errors.Add($"Sftp:HostKeySha256 is not set; the server's host key is always verified. Fetch it with test-connection --print-host-key, check it against what {(exLibris ? "Ex Libris" : "the server's administrator")} publishes, and set it (SHA256:... as ssh-keygen -l prints it).");
        }
        else if (!HostKeyFingerprint.TryParseList(Sftp.HostKeySha256, out _, out var fpError))
        {
            errors.Add($"Sftp:HostKeySha256: {fpError}.");
        }

        if (string.IsNullOrWhiteSpace(Sftp.RemoteDirectory))
        {
            errors.Add(exLibris
                ? "Sftp:RemoteDirectory is not set; set the directory Alma's SIS profile reads: your institution's production or sandbox directory, e.g. /production."
                : "Sftp:RemoteDirectory is not set; set the directory Alma's SIS integration profile polls.");
        }
        else if (exLibris)
        {
            var last = RemotePath.LastSegment(Sftp.RemoteDirectory);
            if (!string.Equals(last, "production", StringComparison.Ordinal) && !string.Equals(last, "sandbox", StringComparison.Ordinal))
            {
                errors.Add($"Sftp:RemoteDirectory '{Sftp.RemoteDirectory}' does not end in production or sandbox; Ex Libris Secure FTP gives each institution those two directories: set e.g. /production (or /sandbox for the sandbox Alma).");
            }
        }

        if (Sftp.DirectoryCapBytes is <= 0)
        {
            errors.Add($"Sftp:DirectoryCapBytes is {Sftp.DirectoryCapBytes}; set a positive number of bytes (e.g. 1000000000 for 1 GB), or remove it for the default.");
        }

        if (Sftp.RetentionDays is <= 0)
        {
            errors.Add($"Sftp:RetentionDays is {Sftp.RetentionDays}; set a positive number of days.");
        }

        if (Sftp.ConnectTimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"Sftp:ConnectTimeoutSeconds is {Sftp.ConnectTimeoutSeconds}; set a number of seconds from 1 to 600.");
        }

        if (Sftp.OperationTimeoutSeconds is < 1 or > 3600)
        {
            errors.Add($"Sftp:OperationTimeoutSeconds is {Sftp.OperationTimeoutSeconds}; set a number of seconds from 1 to 3600.");
        }
    }

    /// <summary>Describes the options with every secret replaced by <c>***</c>.</summary>
    public override string ToString() => $"Upload: {Upload}; Sftp: {Sftp}; Folder: {Folder}";

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private int? Int(IConfigurationSection section, string key)
    {
        var text = Text(section[key[(key.IndexOf(':') + 1)..]]);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        _bindErrors.Add($"{key} is '{text}', which is not a whole number; set a number such as 22.");
        return null;
    }

    private long? Long(IConfigurationSection section, string key)
    {
        var text = Text(section[key[(key.IndexOf(':') + 1)..]]);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        _bindErrors.Add($"{key} is '{text}', which is not a whole number of bytes; set e.g. 1000000000 for 1 GB.");
        return null;
    }

    private double? Double(IConfigurationSection section, string key)
    {
        var text = Text(section[key[(key.IndexOf(':') + 1)..]]);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        _bindErrors.Add($"{key} is '{text}', which is not a number; set e.g. 5.");
        return null;
    }

    private bool Bool(IConfigurationSection section, string key, bool fallback)
    {
        var text = Text(section[key[(key.IndexOf(':') + 1)..]]);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var v))
        {
            return v;
        }

        _bindErrors.Add($"{key} is '{text}'; set true or false.");
        return fallback;
    }
}
