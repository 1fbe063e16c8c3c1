namespace AlmaIntegrationKit;

/// <summary>
/// What the export pipeline needs to know of a generated Alma <c>user</c>, whatever version of the Ex Libris
/// schema it was generated from. The generator implements it on the generated <c>User</c> type.
/// </summary>
public interface IAlmaUser
{
    /// <summary><c>primary_id</c>: Alma's key for the user, compared case-insensitively.</summary>
    string? PrimaryId { get; set; }

    /// <summary><c>user_group</c>: kept by Alma when staff edit it, so always sent.</summary>
    AlmaCode? UserGroup { get; set; }

    /// <summary><c>campus_code</c>.</summary>
    AlmaCode? CampusCode { get; set; }

    /// <summary><c>status</c>: <c>ACTIVE</c> or <c>INACTIVE</c>.</summary>
    AlmaCode? Status { get; set; }

    /// <summary><c>expiry_date</c>.</summary>
    DateOnly? ExpiryDate { get; set; }

    /// <summary><c>purge_date</c>.</summary>
    DateOnly? PurgeDate { get; set; }

    /// <summary>The <c>user_identifiers</c> of the user, as (type code, value) pairs, in document order.</summary>
    IEnumerable<AlmaIdentifier> GetIdentifiers();
}

/// <summary>One <c>user_identifier</c>: its <c>id_type</c> code and its <c>value</c>.</summary>
public readonly record struct AlmaIdentifier(string? IdType, string? Value);
