namespace AlmaIntegrationKit.Sources;

/// <summary>
/// Where the people of a feed come from (a CSV file, an extract query), read as a stream of canonical patron
/// rows: nothing holds the whole feed in memory.
/// </summary>
public interface IPatronSource
{
    /// <summary>The name records are positioned in (the file or query file name), as reports show it.</summary>
    string Name { get; }

    /// <summary>
    /// Reads the source from the start. Every input record comes out as exactly one <see cref="SourceRecord"/>:
    /// a <see cref="PatronRow"/> or a <see cref="SourceRejection"/>.
    /// </summary>
    /// <exception cref="SourceConfigurationException">The source cannot be read at all (a missing file, a missing
    /// required column, an unknown database provider); thrown before any record is yielded.</exception>
    IAsyncEnumerable<SourceRecord> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The columns that are not canonical of the most recent read, and which of them the mapper read; null before a
    /// read, or for a source that has no other columns to offer.
    /// </summary>
    SourceColumns? LastReadColumns => null;
}
