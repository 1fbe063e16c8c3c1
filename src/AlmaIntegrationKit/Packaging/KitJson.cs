using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// The one way the kit writes its JSON files (manifest.json, placements.json): indented, snake_case names and enum
/// values, non-ASCII text as it is (the files are UTF-8 and read by people as well as programs).
/// </summary>
internal static class KitJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
