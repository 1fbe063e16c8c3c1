namespace AlmaIntegrationKit.State;

/// <summary>A person's newest record as the state holds it: what a leaver is sent again as, INACTIVE.</summary>
/// <param name="Sent">What the state keeps of the person besides the record.</param>
/// <param name="Record">The user's record bytes as written into a zip (a <c>&lt;user&gt;</c> element, UTF-8).</param>
/// <param name="Status">The record's status code (ACTIVE, INACTIVE).</param>
internal sealed record StoredUser(SentUser Sent, byte[] Record, string? Status);
