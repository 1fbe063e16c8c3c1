namespace AlmaIntegrationKit.Sources;

/// <summary>
/// One record that a <see cref="IPatronSource"/> read: either a <see cref="PatronRow"/> or a
/// <see cref="SourceRejection"/>, never anything else. Every input record comes out as exactly one of them.
/// </summary>
/// <example>
/// <code>
/// await foreach (var record in source.ReadAsync(cancellationToken))
/// {
///     switch (record)
///     {
///         case PatronRow row: /* map and write */ break;
///         case SourceRejection rejection: /* report */ break;
///     }
/// }
/// </code>
/// </example>
public abstract record SourceRecord
{
    // Only the two kinds of this assembly derive from it.
    private protected SourceRecord()
    {
    }

    /// <summary>Where the record came from.</summary>
    public required SourcePosition Position { get; init; }
}
