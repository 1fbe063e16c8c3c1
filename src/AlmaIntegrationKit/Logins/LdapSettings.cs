using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Logins;

/// <summary>
/// How to reach and search the campus directory (the <c>Ldap</c> settings). <see cref="Password"/> is never shown:
/// <see cref="ToString"/> leaves it out, and no message of this kit prints it.
/// </summary>
internal sealed class LdapSettings
{
    /// <summary>
    /// The default number of values in one search. The server tests each candidate entry against the whole OR filter,
    /// so its work per entry grows with the batch, while every search has a cost of its own on both sides: around a
    /// hundred values a search is where the two balance on slapd (figures in docs/benchmarks.md, "Login check").
    /// </summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The default page size; Active Directory returns at most 1000 entries a page.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>Connections a lookup of several batches searches on at once.</summary>
    public const int DefaultConnections = 2;

    /// <summary>The server: <c>ldaps://host:636</c> (TLS from the start) or <c>ldap://host:389</c> (with <see cref="StartTls"/>).</summary>
    public required Uri Url { get; init; }

    /// <summary>The service account's DN (or, for Active Directory, its user principal name).</summary>
    public required string BindDn { get; init; }

    /// <summary>The service account's password; from user secrets or the environment only.</summary>
    public required string Password { get; init; }

    /// <summary>Where the people are searched from (subtree), e.g. <c>ou=people,dc=college,dc=edu</c>.</summary>
    public required string BaseDn { get; init; }

    /// <summary>The user filter; <see cref="LdapFilter.DefaultTemplate"/> unless configured.</summary>
    public LdapFilter UserFilter { get; init; } = LdapFilter.Parse(LdapFilter.DefaultTemplate);

    /// <summary>Upgrade an <c>ldap://</c> connection with StartTLS before binding.</summary>
    public bool StartTls { get; init; }

    /// <summary>Optional: a filter that matches disabled accounts, e.g. AD's <c>(userAccountControl:1.2.840.113556.1.4.803:=2)</c>.</summary>
    public string? DisabledFilter { get; init; }

    /// <summary>Optional: a PEM file of the certificate (or its CA) to trust for TLS besides the system's, e.g. a self-signed directory certificate.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>How long to wait for the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request (bind, search page) may take.</summary>
    public TimeSpan SearchTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Values per search (OR filter); 1 searches one value at a time.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Entries per page of a paged search.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Connections searching at once (1: one after the other on one connection).</summary>
    public int Connections { get; init; } = DefaultConnections;

    /// <summary>Whether the connection is encrypted (<c>ldaps://</c> or StartTLS).</summary>
    public bool UsesTls => StartTls || IsLdaps;

    internal bool IsLdaps => string.Equals(Url.Scheme, "ldaps", StringComparison.OrdinalIgnoreCase);

    internal int Port => Url.IsDefaultPort || Url.Port <= 0 ? (IsLdaps ? 636 : 389) : Url.Port;

    /// <summary>The settings without the password.</summary>
    public override string ToString() =>
        $"{Url} as {BindDn}, base {BaseDn}, filter {UserFilter}{(StartTls ? ", StartTLS" : "")}{(DisabledFilter is null ? "" : ", disabled " + DisabledFilter)}";

    /// <summary>Reads the <c>Ldap</c> section; adds one line per problem to <paramref name="problems"/> and returns null when there is any.</summary>
    internal static LdapSettings? Read(IConfiguration configuration, Func<string, string> fullPath, List<string> problems)
    {
        var ldap = configuration.GetSection("Ldap");
        var before = problems.Count;
        Uri? url = null;
        if (Text(ldap["Url"]) is not { } urlText)
            problems.Add("Ldap:Url is not set; set the directory server, e.g. ldaps://ldap.college.edu:636 or ldap://ldap.college.edu:389 with Ldap:StartTls=true.");
        else if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("ldap" or "ldaps") || string.IsNullOrEmpty(url.Host))
            problems.Add($"Ldap:Url '{urlText}' is not an ldap:// or ldaps:// address; set e.g. ldaps://ldap.college.edu:636.");

        var bindDn = Text(ldap["BindDn"]);
        if (bindDn is null)
            problems.Add("Ldap:BindDn is not set; set the DN of the read-only service account, e.g. cn=alma-check,ou=services,dc=college,dc=edu.");
        var password = ldap["Password"];
        if (string.IsNullOrEmpty(password))
            problems.Add("Ldap:Password is not set; set the service account's password in user secrets (dotnet user-secrets set Ldap:Password ...) or the environment (Ldap__Password), not in appsettings.json.");
        var baseDn = Text(ldap["BaseDn"]);
        if (baseDn is null)
            problems.Add("Ldap:BaseDn is not set; set where people are searched from, e.g. ou=people,dc=college,dc=edu.");

        var filter = LdapFilter.Parse(LdapFilter.DefaultTemplate);
        if (Text(ldap["UserFilter"]) is { } filterText)
        {
            try
            {
                filter = LdapFilter.Parse(filterText);
            }
            catch (ArgumentException exception)
            {
                problems.Add($"Ldap:UserFilter {exception.Message}");
            }
        }

        var disabled = Text(ldap["DisabledFilter"]);
        if (disabled is not null && !(disabled.StartsWith('(') && disabled.EndsWith(')')))
            problems.Add($"Ldap:DisabledFilter '{disabled}' is not an LDAP filter; it must be in parentheses, e.g. (userAccountControl:1.2.840.113556.1.4.803:=2).");

        var startTls = false;
        if (Text(ldap["StartTls"]) is { } startTlsText && !bool.TryParse(startTlsText, out startTls))
            problems.Add($"Ldap:StartTls is '{startTlsText}'; set true or false.");
        if (startTls && url?.Scheme == "ldaps")
            problems.Add("Ldap:StartTls is true but Ldap:Url is ldaps://, which is encrypted from the start; use ldap:// with StartTls, or ldaps:// without.");

        string? caCertificate = null;
        if (Text(ldap["CaCertificate"]) is { } caText)
        {
            caCertificate = fullPath(caText);
            if (!File.Exists(caCertificate))
                problems.Add($"Ldap:CaCertificate '{caCertificate}' does not exist; set the path of the PEM file of the directory's certificate or of the CA that signed it.");
        }

        var connectTimeout = Seconds(ldap, "ConnectTimeoutSeconds", 10, problems);
        var searchTimeout = Seconds(ldap, "SearchTimeoutSeconds", 60, problems);
        var batchSize = Whole(ldap, "BatchSize", DefaultBatchSize, 1, 1000, problems);
        var pageSize = Whole(ldap, "PageSize", DefaultPageSize, 1, 100_000, problems);
        var connections = Whole(ldap, "Connections", DefaultConnections, 1, 8, problems);
        if (problems.Count > before)
            return null;
        return new LdapSettings
        {
            Url = url!,
            BindDn = bindDn!,
            Password = password!,
            BaseDn = baseDn!,
            UserFilter = filter,
            StartTls = startTls,
            DisabledFilter = disabled,
            CaCertificate = caCertificate,
            ConnectTimeout = connectTimeout,
            SearchTimeout = searchTimeout,
            BatchSize = batchSize,
            PageSize = pageSize,
            Connections = connections,
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan Seconds(IConfigurationSection section, string key, int fallback, List<string> problems) =>
        TimeSpan.FromSeconds(Whole(section, key, fallback, 1, 3600, problems));

    private static int Whole(IConfigurationSection section, string key, int fallback, int min, int max, List<string> problems)
    {
        if (Text(section[key]) is not { } text)
            return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        problems.Add($"Ldap:{key} is '{text}'; set a whole number from {min} to {max} (default {fallback}).");
        return fallback;
    }
}
