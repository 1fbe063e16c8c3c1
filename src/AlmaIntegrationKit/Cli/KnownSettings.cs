using AlmaIntegrationKit.Shared;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// The settings the kit reads, to catch typos: <c>--Export:Profle=x</c> or a misspelt key in appsettings.json would
/// otherwise be silently ignored and the default used. Unknown keys in the kit's sections (and sections one typo away
/// from them) are warned about with a did-you-mean; sections of the college's own are left alone.
/// </summary>
internal static class KnownSettings
{
    /// <summary>Sections whose keys are not the kit's to check (the logging providers' options, connection strings).</summary>
    private static readonly HashSet<string> OpenSections = new(StringComparer.OrdinalIgnoreCase) { "Logging", "ConnectionStrings" };

    private static readonly string[] Keys =
    [
        "Export:InstitutionCode", "Export:Profile", "Export:MatchId", "Export:Mode", "Export:LeaverPolicy", "Export:UsersPerFile",
        "Export:Outbox", "Export:StateFile",
        "Safety:MaxRejectPercent", "Safety:MaxDropPercent",
        "Source:Kind", "Source:Path",
        "Database:Provider", "Database:ConnectionString", "Database:QueryFile", "Database:CommandTimeoutSeconds",
        "Report:TemplateFolder",
        "Upload:Kind", "Upload:FilePrefix", "Upload:PruneHandled", "Upload:PruneExpired", "Upload:HandledSuffix", "Upload:MaxAttempts",
        "Upload:RetryDelaySeconds",
        "Sftp:Host", "Sftp:Port", "Sftp:Username", "Sftp:PrivateKeyPath", "Sftp:PrivateKeyPassphrase", "Sftp:Password", "Sftp:HostKeySha256",
        "Sftp:RemoteDirectory", "Sftp:DirectoryCapBytes", "Sftp:RetentionDays", "Sftp:ConnectTimeoutSeconds", "Sftp:OperationTimeoutSeconds",
        "Folder:Path", "Folder:DirectoryCapBytes", "Folder:RetentionDays",
        "Notify:When", "Notify:Smtp:Host", "Notify:Smtp:Port", "Notify:Smtp:Security", "Notify:Smtp:Username", "Notify:Smtp:Password",
        "Notify:Smtp:TrustedCertificate", "Notify:From", "Notify:To", "Notify:WebhookUrl", "Notify:RejectWarningPercent", "Notify:AttachReport",
        "Notify:ReportBaseUrl", "Notify:TimeoutSeconds",
        "Export:AlmaEnvironment", "Export:ExpiredActive", "Export:FullRunEvery", "Export:FullAfterAlmaErrors", "Export:KeepDays",
        "Export:PreferredLanguage", "Export:RsLibraries",
        "Ldap:Url", "Ldap:StartTls", "Ldap:BindDn", "Ldap:Password", "Ldap:BaseDn", "Ldap:UserFilter", "Ldap:DisabledFilter", "Ldap:CaCertificate",
        "Ldap:ConnectTimeoutSeconds", "Ldap:SearchTimeoutSeconds", "Ldap:BatchSize", "Ldap:PageSize", "Ldap:Connections",
        "Logins:AuditOnRun", "Logins:AccountsFile",
        "Alma:ApiBaseUrl", "Alma:ApiKey", "Alma:SisJobId", "Alma:TimeoutSeconds", "Alma:Retries",
    ];

    /// <summary>Settings whose keys below them are the college's own (a map of SIS values).</summary>
    private static readonly string[] OpenPrefixes = ["Export:StatusMap:", "Export:RsLibraries:"];

    /// <summary>
    /// One warning per unknown key among <paramref name="keys"/> (read from <paramref name="origin"/>), with the
    /// nearest known key when one is close. <paramref name="extra"/> are keys the college's own code reads.
    /// </summary>
    public static IEnumerable<string> Check(IEnumerable<string> keys, string origin, IEnumerable<string> extra)
    {
        var known = new HashSet<string>(Keys.Concat(extra), StringComparer.OrdinalIgnoreCase);
        var sections = known.Select(k => k.Split(':')[0]).Concat(OpenSections).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var section = key.Split(':')[0];
            if (known.Contains(key) || (OpenSections.Contains(section) && key.Contains(':', StringComparison.Ordinal))
                || OpenPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
                continue;
            if (sections.Contains(section))
            {
                var suggestion = NearMiss.Suggest(key, known.Where(k => k.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)));
                yield return $"Unknown setting '{key}' ({origin}) is ignored{(suggestion is null ? "; the settings of this section are in docs/command-line.md" : $"; did you mean '{suggestion}'?")}";
            }
            else if (NearMiss.Suggest(section, sections) is { } nearSection)
            {
                yield return $"Unknown setting '{key}' ({origin}) is ignored; did you mean the section '{nearSection}'?";
            }
        }
    }

    /// <summary>The keys holding values in one settings file (arrays and objects reduced to their leaves).</summary>
    public static IEnumerable<string> KeysOf(IConfiguration file) =>
        file.AsEnumerable(makePathsRelative: true).Where(pair => pair.Value is not null).Select(pair => pair.Key);
}
