using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Results;

/// <summary>One input record that was not sent, with every reason.</summary>
/// <param name="Position">Where the record came from; a leaver has the state file as its source and number 0.</param>
/// <param name="PersonId">The person_id, when known.</param>
/// <param name="Issues">Every problem, each with its field path and rule.</param>
internal sealed record ExportRejection(SourcePosition Position, string? PersonId, IReadOnlyList<ValidationIssue> Issues);
