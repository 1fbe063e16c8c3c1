using System.Data.Common;
using System.Runtime.CompilerServices;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// Reads canonical patron rows from the result of an extract query (a <c>.sql</c> file) run through an ADO.NET
/// provider. Result columns are matched to the canonical columns by name, case-insensitively; the others reach the
/// mapper by name, as text.
/// Rows stream from the open reader; they are positioned by their 1-based row number in the result.
/// </summary>
internal sealed class DatabasePatronSource : IPatronSource
{
    private readonly DatabaseSourceOptions _options;
    private readonly DbProviderRegistry _providers;

    /// <summary>Reads with <paramref name="options"/>, resolving the provider in <paramref name="providers"/>
    /// (the built-in ones when null).</summary>
    public DatabasePatronSource(DatabaseSourceOptions options, DbProviderRegistry? providers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _providers = providers ?? new DbProviderRegistry();
        Name = string.IsNullOrWhiteSpace(options.QueryFile) ? "(no query file)" : Path.GetFileName(options.QueryFile);
    }

    /// <summary>The query file name, as positions show it.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public SourceColumns? LastReadColumns { get; private set; }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var factory = _providers.Get(_options.Provider);
        var query = await ReadQueryAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new SourceConfigurationException(Name, null,
                $"{Name}: no connection string is configured for the \"{_options.Provider}\" database.");
        }

        var connection = factory.CreateConnection()
            ?? throw new SourceConfigurationException(Name, null, $"The provider \"{_options.Provider}\" cannot create connections.");
        await using (connection.ConfigureAwait(false))
        {
            connection.ConnectionString = _options.ConnectionString;
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = query;
                command.CommandTimeout = Math.Max(0, _options.CommandTimeoutSeconds);
                var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                    var map = CanonicalColumnMap.Create(names, Name, "the query result",
                        $"Name a column of the SELECT list after it (e.g. SELECT surname AS last_name) in {_options.QueryFile}.");

                    LastReadColumns = map.OtherColumns;
                    var otherIndexes = map.OtherColumns.SourceIndexes;
                    long row = 0;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        row++;
                        var builder = new PatronRowBuilder(map.OtherColumns);
                        for (var ordinal = 0; ordinal < PatronColumns.All.Count; ordinal++)
                        {
                            var index = map.SourceIndexOf(ordinal);
                            if (index >= 0)
                                DatabaseValues.Read(reader, index, ordinal, builder);
                        }

                        for (var slot = 0; slot < otherIndexes.Length; slot++)
                            DatabaseValues.ReadOther(reader, otherIndexes[slot], slot, builder);

                        yield return builder.Build(SourcePosition.Row(Name, row));
                    }
                }
            }
        }
    }

    private async Task<string> ReadQueryAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.QueryFile))
            throw new SourceConfigurationException(null, null, "No query file is configured for the database source.");
        string query;
        try
        {
            query = await File.ReadAllTextAsync(_options.QueryFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceConfigurationException(Name, null, $"{Name}: the query file {_options.QueryFile} does not exist.", exception);
        }

        if (string.IsNullOrWhiteSpace(query))
            throw new SourceConfigurationException(Name, null, $"{Name}: the query file {_options.QueryFile} is empty.");
        return query;
    }

    private async Task<DbDataReader> ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw new SourceConfigurationException(Name, null,
                $"{Name}: the query in {_options.QueryFile} failed on the \"{_options.Provider}\" database: {exception.Message}", exception);
        }
    }
}
