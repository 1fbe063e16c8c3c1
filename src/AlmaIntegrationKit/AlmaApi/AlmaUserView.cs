using System.Text.Json;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// What <c>verify-users</c> compares of a user as <c>GET /users/{id}?user_id_type=all_unique&amp;view=full</c> returns
/// it: primary_id, user group, status, expiry and purge dates, identifiers and the preferred email.
/// </summary>
/// <param name="PrimaryId">The user's primary_id.</param>
/// <param name="UserGroup">The <c>user_group</c> code.</param>
/// <param name="Status">The <c>status</c> code (ACTIVE, INACTIVE).</param>
/// <param name="ExpiryDate">The <c>expiry_date</c>.</param>
/// <param name="PurgeDate">The <c>purge_date</c>.</param>
/// <param name="Identifiers">The <c>user_identifier</c> list as (type code, value).</param>
/// <param name="PreferredEmail">The address of the email marked preferred, or null.</param>
internal sealed record AlmaUserView(
    string PrimaryId,
    string? UserGroup,
    string? Status,
    DateOnly? ExpiryDate,
    DateOnly? PurgeDate,
    IReadOnlyList<AlmaIdentifier> Identifiers,
    string? PreferredEmail)
{
    internal static AlmaUserView Parse(JsonElement root)
    {
        var contact = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("contact_info", out var c) ? c : default;
        var preferred = AlmaJson.Items(contact, "email").FirstOrDefault(e => AlmaJson.Bool(e, "preferred") == true);
        return new AlmaUserView(
            AlmaJson.Text(root, "primary_id") ?? "",
            AlmaJson.Code(root, "user_group"),
            AlmaJson.Code(root, "status"),
            AlmaJson.Date(root, "expiry_date"),
            AlmaJson.Date(root, "purge_date"),
            AlmaJson.Items(root, "user_identifier").Select(i => new AlmaIdentifier(AlmaJson.Code(i, "id_type"), AlmaJson.Text(i, "value"))).ToList(),
            preferred.ValueKind == JsonValueKind.Object ? AlmaJson.Text(preferred, "email_address") : null);
    }
}
