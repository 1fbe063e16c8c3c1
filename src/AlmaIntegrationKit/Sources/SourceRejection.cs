namespace AlmaIntegrationKit.Sources;

/// <summary>An input record that did not become a <see cref="PatronRow"/>, and why.</summary>
/// <remarks>
/// When a record breaks several rules, <see cref="Field"/> and <see cref="Rule"/> name the first problem in
/// canonical column order and <see cref="Message"/> lists the others as well.
/// </remarks>
public sealed record SourceRejection : SourceRecord
{
    /// <summary>The person_id of the record when it could be read, so that the college can find the person.</summary>
    public string? PersonId { get; init; }

    /// <summary>The canonical column at fault, or null when the record as a whole is (e.g. a line that is not valid CSV).</summary>
    public string? Field { get; init; }

    /// <summary>The rule that was broken: one of <see cref="SourceRejectionRules"/>.</summary>
    public required string Rule { get; init; }

    /// <summary>What is wrong, in words a college IT person can act on.</summary>
    public required string Message { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Position}: {Rule}{(Field is null ? "" : $" at {Field}")}{(PersonId is null ? "" : $" (person_id {PersonId})")}: {Message}";
}
