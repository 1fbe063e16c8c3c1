using System.Globalization;
using System.Text.Json;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// Reading Alma's JSON the way Alma writes it: code fields as <c>{"value": .., "desc": ..}</c>, numbers sometimes as
/// strings, a list of one sometimes as an object, dates as <c>2030-01-16Z</c>.
/// </summary>
internal static class AlmaJson
{
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Scalar(value) : null;

    /// <summary>A code field: the <c>value</c> of <c>{"value":..,"desc":..}</c>, or a plain string.</summary>
    public static string? Code(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? CodeOf(value) : null;

    public static string? CodeOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? Text(value, "value") : Scalar(value);

    /// <summary>The <c>desc</c> of a code field.</summary>
    public static string? Desc(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? Text(value, "desc")
            : null;

    public static DateOnly? Date(JsonElement element, string name)
    {
        var text = Text(element, name);
        return text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    public static DateTimeOffset? Time(JsonElement element, string name)
    {
        var text = Text(element, name);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    public static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => bool.TryParse(value.GetString(), out var b) ? b : null,
                _ => null,
            }
            : null;

    /// <summary>The items of a list: an array, a single object, or nothing.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            return [];
        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().ToArray(),
            JsonValueKind.Object => [value],
            _ => [],
        };
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
