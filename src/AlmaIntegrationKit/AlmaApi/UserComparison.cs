using System.Globalization;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>How a delivered user stands in Alma.</summary>
internal enum UserVerdict
{
    /// <summary>In Alma as delivered.</summary>
    Same,

    /// <summary>In Alma, with fields that differ from what was delivered.</summary>
    Differs,

    /// <summary>Alma has no user with the primary_id or the Match ID.</summary>
    NotInAlma,

    /// <summary>Alma has a user with the Match ID, under another primary_id.</summary>
    OtherPrimaryId,
}

/// <summary>One field that differs.</summary>
/// <param name="Field">The field, e.g. <c>user_group</c>.</param>
/// <param name="Delivered">What the state says was delivered.</param>
/// <param name="InAlma">What Alma holds.</param>
internal sealed record FieldDifference(string Field, string Delivered, string InAlma);

/// <summary>The verdict on one user.</summary>
/// <param name="User">What was delivered.</param>
/// <param name="Verdict">How it stands in Alma.</param>
/// <param name="AlmaPrimaryId">The primary_id Alma holds, when found.</param>
/// <param name="Differences">The fields that differ.</param>
internal sealed record UserFinding(DeliveredUser User, UserVerdict Verdict, string? AlmaPrimaryId, IReadOnlyList<FieldDifference> Differences);

/// <summary>
/// Compares what was delivered with the user Alma holds: group, status, expiry and purge dates, identifiers (each one
/// delivered must be in Alma; Alma may hold more) and the preferred email. Fields the state does not hold are not
/// compared. Codes and identifier values compare exactly, primary_id and email ignoring case, as Alma does.
/// </summary>
internal static class UserComparison
{
    /// <summary>The verdict for <paramref name="delivered"/> given Alma's <paramref name="inAlma"/> (null: not found).</summary>
    public static UserFinding Compare(DeliveredUser delivered, AlmaUserView? inAlma)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (inAlma is null)
            return new UserFinding(delivered, UserVerdict.NotInAlma, null, []);
        if (delivered.PrimaryId is not null && !string.Equals(delivered.PrimaryId, inAlma.PrimaryId, StringComparison.OrdinalIgnoreCase))
            return new UserFinding(delivered, UserVerdict.OtherPrimaryId, inAlma.PrimaryId, []);

        var differences = new List<FieldDifference>();
        Code(differences, "user_group", delivered.UserGroup, inAlma.UserGroup);
        Code(differences, "status", delivered.Status, inAlma.Status);
        Date(differences, "expiry_date", delivered.ExpiryDate, inAlma.ExpiryDate);
        Date(differences, "purge_date", delivered.PurgeDate, inAlma.PurgeDate);
        if (delivered.Identifiers is { } identifiers)
        {
            foreach (var identifier in identifiers)
            {
                if (!inAlma.Identifiers.Any(i => i.IdType == identifier.IdType && i.Value == identifier.Value))
                {
                    var same = inAlma.Identifiers.Where(i => i.IdType == identifier.IdType).Select(i => i.Value).ToList();
                    differences.Add(new FieldDifference($"user_identifier {identifier.IdType}", identifier.Value ?? "",
                        same.Count == 0 ? "(none)" : string.Join(" | ", same)));
                }
            }
        }
        else if (delivered.MatchIdType is not null && delivered.MatchIdValue is not null
                 && !inAlma.Identifiers.Any(i => i.IdType == delivered.MatchIdType && i.Value == delivered.MatchIdValue))
        {
            differences.Add(new FieldDifference($"user_identifier {delivered.MatchIdType} (Match ID)", delivered.MatchIdValue, "(none)"));
        }

        if (delivered.PreferredEmail is not null && !string.Equals(delivered.PreferredEmail, inAlma.PreferredEmail, StringComparison.OrdinalIgnoreCase))
            differences.Add(new FieldDifference("preferred email", delivered.PreferredEmail, inAlma.PreferredEmail ?? "(none)"));

        return new UserFinding(delivered, differences.Count == 0 ? UserVerdict.Same : UserVerdict.Differs, inAlma.PrimaryId, differences);
    }

    private static void Code(List<FieldDifference> differences, string field, string? delivered, string? inAlma)
    {
        if (delivered is not null && !string.Equals(delivered, inAlma, StringComparison.Ordinal))
            differences.Add(new FieldDifference(field, delivered, inAlma ?? "(none)"));
    }

    private static void Date(List<FieldDifference> differences, string field, DateOnly? delivered, DateOnly? inAlma)
    {
        if (delivered is { } d && d != inAlma)
            differences.Add(new FieldDifference(field, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                inAlma?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)"));
    }
}
