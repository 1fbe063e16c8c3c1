using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// Reads Alma's error body (<c>errorList.error[].errorCode/errorMessage</c>, JSON or the XML
/// <c>web_service_result</c> the gateway sometimes sends whatever was asked for) and turns it into a message that says
/// what to fix.
/// </summary>
internal static class AlmaApiErrors
{
    /// <summary>The <c>errorCode</c> of a key without the permission for the API area (HTTP 400).</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>The <c>errorCode</c> the gateway gives an unknown key.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>The <c>errorCode</c>s of Alma's thresholds (HTTP 429).</summary>
    public const string PerSecondThreshold = "PER_SECOND_THRESHOLD";

    /// <summary>The daily threshold of the institution's plan.</summary>
    public const string DailyThreshold = "DAILY_THRESHOLD";

    /// <summary>"User with identifier ... was not found" (GET /users/{id}).</summary>
    public const string UserNotFound = "401861";

    /// <summary>"Invalid job id" (GET /conf/jobs/{id}/instances).</summary>
    public const string InvalidJobId = "402216";

    public static IReadOnlyList<AlmaApiError> Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return [];
        var text = body.TrimStart();
        try
        {
            return text.StartsWith('<') ? ParseXml(text) : ParseJson(text);
        }
        catch (Exception exception) when (exception is JsonException or System.Xml.XmlException)
        {
            return [];
        }
    }

    public static AlmaApiException ToException(HttpStatusCode status, string? body, string what, Uri baseUrl)
    {
        var errors = Parse(body);
        var code = (int)status;
        var first = errors.Count > 0 ? errors[0] : null;
        var alma = first is null ? "" : $" Alma says: {first.Code}: {first.Message.TrimEnd('.', ' ')}{(first.TrackingId is { Length: > 0 } t && t != "unknown" ? $" (tracking id {t})" : "")}.";
        var area = what.StartsWith("users", StringComparison.Ordinal) ? "Users" : "Configuration";
        var host = baseUrl.Host;

        if (errors.Any(e => e.Code == Unauthorized))
            return new AlmaApiException(AlmaApiProblem.NoPermission, code, errors,
                $"The API key may not read {what} (HTTP {code}).{alma} On the Developer Network (Manage API keys) give the key Read permission for {area} in the environment (Sandbox or Production) whose gateway Alma:ApiBaseUrl names ({host}).");
        if (status == HttpStatusCode.TooManyRequests || errors.Any(e => e.Code is PerSecondThreshold or DailyThreshold))
            return new AlmaApiException(AlmaApiProblem.Threshold, code, errors, errors.Any(e => e.Code == DailyThreshold)
                ? $"Alma's daily API threshold is used up (HTTP {code}).{alma} Try again after midnight (institution time), and use --sample to read fewer users."
                : $"Alma still refused {what} for its per-second threshold after the retries (HTTP {code}).{alma} Run again later, or raise Alma:Retries.");
        if (code >= 500)
            return new AlmaApiException(AlmaApiProblem.Server, code, errors,
                $"Alma could not answer {what} (HTTP {code}) after the retries.{alma} Try again later; if it lasts, check Ex Libris's status page and give support the tracking id.");
        if (errors.Any(e => e.Code == InvalidRequest) || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var html = first is null && body is not null && body.Contains("<html", StringComparison.OrdinalIgnoreCase);
            return new AlmaApiException(AlmaApiProblem.InvalidKey, code, errors, html
                ? $"{host} refused {what} with an HTML page (HTTP {code}): Alma:ApiBaseUrl must be the API gateway of your region (e.g. {AlmaApiSettings.ExampleBaseUrl}), not your institution's Alma address."
                : $"{host} does not accept the API key (HTTP {code}).{alma} Check Alma:ApiKey (copied whole, no spaces) and that Alma:ApiBaseUrl is the gateway of your institution's region (api-na, api-eu, api-ap, api-ca or api-cn).");
        }

        if (status == HttpStatusCode.NotFound || errors.Any(e => e.Code is UserNotFound or InvalidJobId))
            return new AlmaApiException(AlmaApiProblem.NotFound, code, errors, $"Alma has no {what} (HTTP {code}).{alma}");
        return new AlmaApiException(AlmaApiProblem.Refused, code, errors, $"Alma refused {what} (HTTP {code}).{alma}");
    }

    private static List<AlmaApiError> ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var errors = new List<AlmaApiError>();
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("errorList", out var list) || list.ValueKind != JsonValueKind.Object
            || !list.TryGetProperty("error", out var error))
            return errors;
        foreach (var item in error.ValueKind == JsonValueKind.Array ? error.EnumerateArray() : Enumerable.Repeat(error, 1))
        {
            if (item.ValueKind == JsonValueKind.Object)
                errors.Add(new AlmaApiError(AlmaJson.Text(item, "errorCode") ?? "", AlmaJson.Text(item, "errorMessage") ?? "", AlmaJson.Text(item, "trackingId")));
        }

        return errors;
    }

    private static List<AlmaApiError> ParseXml(string text)
    {
        var root = XDocument.Parse(text).Root;
        if (root is null)
            return [];
        return root.Descendants().Where(e => e.Name.LocalName == "error")
            .Select(e => new AlmaApiError(
                Child(e, "errorCode") ?? "",
                Child(e, "errorMessage") ?? "",
                Child(e, "trackingId")))
            .ToList();
    }

    private static string? Child(XElement element, string name) =>
        element.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim();
}
