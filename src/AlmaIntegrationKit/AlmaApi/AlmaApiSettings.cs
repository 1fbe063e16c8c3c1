using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// The <c>Alma</c> settings of the read-only REST API client: the region's gateway, the API key (user secrets or the
/// environment only; never logged), the time one request may take and how often a request Alma could not answer is
/// tried again.
/// </summary>
internal sealed record AlmaApiSettings
{
    /// <summary>The gateway of North America, the example the settings file shows.</summary>
    public const string ExampleBaseUrl = "https://api-na.hosted.exlibrisgroup.com/almaws/v1";

    /// <summary>The gateway up to <c>/almaws/v1</c> (<c>Alma:ApiBaseUrl</c>).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The API key (<c>Alma:ApiKey</c>); sent as <c>Authorization: apikey ...</c>.</summary>
    public required string ApiKey { get; init; }

    /// <summary>How long one attempt may take (<c>Alma:TimeoutSeconds</c>, default 30).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a request is tried again after a 429, a 5xx, a timeout or a broken connection (<c>Alma:Retries</c>, default 4).</summary>
    public int Retries { get; init; } = 4;

    /// <summary>The first pause before trying again; it doubles with each attempt, with jitter, unless Alma sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The id of the SIS integration profile's job (<c>Alma:SisJobId</c>), when known.</summary>
    public string? SisJobId { get; init; }

    /// <summary>Whether an API key is configured at all (then <c>test-connection</c> checks the codes too).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?["Alma:ApiKey"]);

    /// <summary>Reads and checks the settings; every problem names the setting and what to put there.</summary>
    /// <param name="configuration">The configuration holding the <c>Alma</c> section.</param>
    /// <param name="problems">Where the problems go; the result is null when there are any.</param>
    public static AlmaApiSettings? Read(IConfiguration configuration, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var alma = configuration.GetSection("Alma");
        var before = problems.Count;

        Uri? baseUrl = null;
        var urlText = Text(alma["ApiBaseUrl"]);
        if (urlText is null)
            problems.Add($"Alma:ApiBaseUrl is not set; set your region's API gateway up to /almaws/v1 (e.g. {ExampleBaseUrl}).");
        else if (!Uri.TryCreate(urlText.TrimEnd('/') + "/", UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            problems.Add($"Alma:ApiBaseUrl '{urlText}' is not an http(s) address; set your region's API gateway up to /almaws/v1 (e.g. {ExampleBaseUrl}).");

        var key = Text(alma["ApiKey"]);
        if (key is null)
            problems.Add("Alma:ApiKey is not set; create a read-only key (Users, Configuration) on the Ex Libris Developer Network and put it in user secrets (dotnet user-secrets set Alma:ApiKey ...) or the environment (Alma__ApiKey), not in appsettings.json.");

        var timeout = Number(alma, "TimeoutSeconds", 30, 0.1, 600, problems);
        var retries = (int)Number(alma, "Retries", 4, 0, 10, problems);
        if (problems.Count > before)
            return null;
        return new AlmaApiSettings
        {
            BaseUrl = baseUrl!,
            ApiKey = key!,
            AttemptTimeout = TimeSpan.FromSeconds(timeout),
            Retries = retries,
            SisJobId = Text(alma["SisJobId"]),
        };
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"Alma API {BaseUrl} (key set, {AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per attempt, {Retries} retries)";

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static double Number(IConfigurationSection section, string key, double fallback, double min, double max, ICollection<string> problems)
    {
        var text = Text(section[key]);
        if (text is null)
            return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        problems.Add($"Alma:{key} is '{text}'; set a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (default {fallback.ToString(CultureInfo.InvariantCulture)}).");
        return fallback;
    }
}
