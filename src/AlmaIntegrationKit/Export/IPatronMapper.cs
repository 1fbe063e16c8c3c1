using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The college's own code: how one canonical patron row becomes the generated Alma user. Plain C#, no I/O.
/// </summary>
/// <remarks>
/// The pipeline fills what the mapper leaves null from the user-group rule of the row (user_group with its label,
/// campus_code, expiry_date, purge_date) and sets status to ACTIVE, so a mapper only has to map names, identifiers
/// and contact data. A mapper that throws rejects the row (rule <see cref="ExportRejectRules.MappingFailed"/>).
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
public interface IPatronMapper<TUser>
    where TUser : class, IAlmaUser
{
    /// <summary>The user for <paramref name="row"/>.</summary>
    TUser Map(PatronRow row, PatronMappingContext context);

    /// <summary>
    /// Completes the minimal user the pipeline builds for a leaver (primary_id, user group, campus, status INACTIVE,
    /// expiry today) from what the state file kept; e.g. adds the Match ID identifier when the profile matches on
    /// an identifier type. Does nothing by default.
    /// </summary>
    void CompleteLeaver(TUser leaver, SentUser sent)
    {
    }
}
