namespace AlmaIntegrationKit.Export;

/// <summary>
/// Who in the feed already uses a primary_id or identifier value, compared case-insensitively as Alma does: Alma
/// loads the first user with a value and rejects the others, so the later record is rejected here, naming the first.
/// </summary>
/// <remarks>
/// Memory: values are kept as a 64-bit hash of their upper-case form, not as strings, with the owner's person_id
/// (a string the row already holds): about 30 bytes per value, so a million people with three values each take
/// about 100 MB less than a string set would. Two different values share a hash with a probability of about one in
/// ten million at that size; the record would then be rejected as a duplicate and the reject file says so.
/// </remarks>
internal sealed class FeedIdRegistry
{
    private readonly Dictionary<ulong, string> _owners;

    /// <summary>A registry sized for about <paramref name="expectedValues"/> values, so that it does not regrow on the way.</summary>
    public FeedIdRegistry(int expectedValues) => _owners = new Dictionary<ulong, string>(Math.Max(0, expectedValues));

    /// <summary>Values held.</summary>
    public int Count => _owners.Count;

    /// <summary>The person_id of another person who holds <paramref name="value"/>, or null.</summary>
    public string? OtherOwner(string value, string personId) =>
        _owners.TryGetValue(CaseInsensitiveHash.Of(value), out var owner) && !string.Equals(owner, personId, StringComparison.Ordinal)
            ? owner
            : null;

    /// <summary>Gives <paramref name="value"/> to <paramref name="personId"/> unless someone holds it already.</summary>
    public void Claim(string value, string personId) => _owners.TryAdd(CaseInsensitiveHash.Of(value), personId);
}
