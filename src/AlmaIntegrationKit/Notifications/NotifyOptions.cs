using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Notifications;

/// <summary>
/// The <c>Notify</c> section: who is told about a run, how and when. Email goes out when <c>Notify:Smtp:Host</c> is
/// set, a webhook POST when <c>Notify:WebhookUrl</c> is; with neither, nothing is sent.
/// </summary>
internal sealed record NotifyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notify";

    /// <summary>When to send (<c>Notify:When</c>).</summary>
    public NotifyWhen When { get; init; } = NotifyWhen.Problems;

    /// <summary>The mail server's host name; null sends no email.</summary>
    public string? SmtpHost { get; init; }

    /// <summary>The mail server's port; by default 25 for <see cref="SmtpSecurity.None"/>, 465 for SslOnConnect, otherwise 587.</summary>
    public int? SmtpPort { get; init; }

    /// <summary>How the connection is protected; default <see cref="SmtpSecurity.Auto"/>.</summary>
    public SmtpSecurity SmtpSecurity { get; init; } = SmtpSecurity.Auto;

    /// <summary>The login; null sends without authenticating.</summary>
    public string? SmtpUsername { get; init; }

    /// <summary>The password (a secret: keep it in user secrets, the environment or a credentials file).</summary>
    public string? SmtpPassword { get; init; }

    /// <summary>
    /// A certificate file (PEM or DER) to trust for the mail server besides the system's trusted roots, e.g. an
    /// internal relay's self-signed certificate. The host name must still match. Nothing else is ever accepted.
    /// </summary>
    public string? SmtpTrustedCertificate { get; init; }

    /// <summary>The sender address.</summary>
    public string? From { get; init; }

    /// <summary>The recipients (<c>Notify:To</c>, comma-separated).</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>An incoming-webhook URL (Teams, Slack or anything that takes a JSON POST); a secret, since it carries its key.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Rejects above this share of the rows read make an otherwise good run a problem worth telling (default 2).</summary>
    public double RejectWarningPercent { get; init; } = 2;

    /// <summary>Attach the run's HTML report to the email.</summary>
    public bool AttachReport { get; init; }

    /// <summary>Where the report folders can be read on an intranet: the notice links <c>{ReportBaseUrl}/{run name}/run-report.html</c>.</summary>
    public Uri? ReportBaseUrl { get; init; }

    /// <summary>How long one attempt to notify may take (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether any channel is configured.</summary>
    public bool AnyChannel => SmtpHost is not null || WebhookUrl is not null;

    /// <summary>The port used: <see cref="SmtpPort"/> or the usual one for <see cref="SmtpSecurity"/>.</summary>
    public int EffectiveSmtpPort => SmtpPort ?? SmtpSecurity switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.SslOnConnect => 465,
        _ => 587,
    };

    /// <summary>Reads the <c>Notify</c> section; each problem names the setting and how to fix it.</summary>
    public static NotifyOptions Read(IConfiguration configuration, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var found = new List<string>();
        var options = new NotifyOptions
        {
            When = ReadEnum(section, "When", NotifyWhen.Problems, found),
            SmtpHost = Text(section["Smtp:Host"]),
            SmtpPort = ReadPort(section, found),
            SmtpSecurity = ReadEnum(section, "Smtp:Security", SmtpSecurity.Auto, found),
            SmtpUsername = Text(section["Smtp:Username"]),
            SmtpPassword = section["Smtp:Password"] is { Length: > 0 } password ? password : null,
            SmtpTrustedCertificate = Text(section["Smtp:TrustedCertificate"]),
            From = Text(section["From"]),
            To = (section["To"] ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            WebhookUrl = ReadUrl(section, "WebhookUrl", secret: true, found),
            RejectWarningPercent = ReadNumber(section, "RejectWarningPercent", 2, found),
            AttachReport = ReadBool(section, "AttachReport", found),
            ReportBaseUrl = ReadUrl(section, "ReportBaseUrl", secret: false, found),
            Timeout = TimeSpan.FromSeconds(ReadNumber(section, "TimeoutSeconds", 30, found)),
        };

        if (options.SmtpHost is not null)
        {
            if (options.From is null)
                found.Add("Notify:From is missing: give the sender address of the notices, e.g. alma-feed@college.edu.");
            if (options.To.Count == 0)
                found.Add("Notify:To is missing: give the recipients, comma-separated, e.g. library-systems@college.edu,it-ops@college.edu.");
            if (options.SmtpUsername is not null && options.SmtpPassword is null)
                found.Add("Notify:Smtp:Username is set but Notify:Smtp:Password is not: put the password in user secrets, the environment (Notify__Smtp__Password) or a credentials file.");
            if (options.SmtpTrustedCertificate is not null && !File.Exists(options.SmtpTrustedCertificate))
                found.Add($"Notify:Smtp:TrustedCertificate: the file '{options.SmtpTrustedCertificate}' does not exist; give the path of the mail server's certificate (PEM or DER).");
        }
        else if (options.To.Count > 0)
        {
            found.Add("Notify:To is set but Notify:Smtp:Host is not: give the mail server, e.g. --Notify:Smtp:Host=smtp.college.edu.");
        }

        problems = found;
        return options;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T ReadEnum<T>(IConfigurationSection section, string key, T fallback, List<string> problems)
        where T : struct, Enum
    {
        var value = Text(section[key]);
        if (value is null)
            return fallback;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        problems.Add($"Notify:{key} is '{value}'; give one of {string.Join(", ", Enum.GetNames<T>())}.");
        return fallback;
    }

    private static int? ReadPort(IConfigurationSection section, List<string> problems)
    {
        var value = Text(section["Smtp:Port"]);
        if (value is null)
            return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            return port;
        problems.Add($"Notify:Smtp:Port is '{value}'; give a port number from 1 to 65535 (587 for StartTls, 465 for SslOnConnect).");
        return null;
    }

    private static double ReadNumber(IConfigurationSection section, string key, double fallback, List<string> problems)
    {
        var value = Text(section[key]);
        if (value is null)
            return fallback;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
            return number;
        problems.Add($"Notify:{key} is '{value}'; give a number of 0 or more.");
        return fallback;
    }

    private static bool ReadBool(IConfigurationSection section, string key, List<string> problems)
    {
        var value = Text(section[key]);
        if (value is null)
            return false;
        if (bool.TryParse(value, out var flag))
            return flag;
        problems.Add($"Notify:{key} is '{value}'; give true or false.");
        return false;
    }

    private static Uri? ReadUrl(IConfigurationSection section, string key, bool secret, List<string> problems)
    {
        var value = Text(section[key]);
        if (value is null)
            return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            return url;
        // A webhook URL carries its key: the message must not repeat it.
        problems.Add(secret
            ? $"Notify:{key} is not an http or https URL; copy the incoming webhook's whole URL from Teams or Slack."
            : $"Notify:{key} is '{value}', not an http or https URL.");
        return null;
    }
}
