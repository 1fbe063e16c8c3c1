using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Results;

/// <summary>A row of a person who arrived in several rows, folded into the row that won.</summary>
/// <param name="Position">Where the merged row came from.</param>
/// <param name="PersonId">The person's person_id.</param>
/// <param name="MergedIntoNumber">The line or row number of the row that won.</param>
/// <param name="Reason">Why that row won, e.g. <c>FACULTY (weight 50) outranks STAFF (weight 40)</c>.</param>
internal sealed record MergedRow(SourcePosition Position, string PersonId, long MergedIntoNumber, string Reason);
