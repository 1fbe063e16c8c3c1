using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The college's own code: how one canonical patron row becomes the generated Alma user. Plain C#, no I/O.
/// </summary>
/// <remarks>
/// The pipeline fills what the mapper leaves null from the user-group rule of the row (user_group with its label,
/// campus_code, expiry_date, purge_date) and takes status from the row (ACTIVE when empty; other SIS values through
/// Export:StatusMap), so a mapper only has to map names, identifiers and contact data. A mapper that throws rejects
/// the row (rule <see cref="ExportRejectRules.MappingFailed"/>). Leavers are sent as their last record, INACTIVE: the
/// mapper is not asked.
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
public interface IPatronMapper<TUser>
    where TUser : class, IAlmaUser
{
    /// <summary>The user for <paramref name="row"/>.</summary>
    TUser Map(PatronRow row, PatronMappingContext context);
}
