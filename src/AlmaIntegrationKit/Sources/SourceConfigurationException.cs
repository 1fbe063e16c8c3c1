namespace AlmaIntegrationKit.Sources;

/// <summary>
/// A source cannot be read at all because of how it is set up (a file or a required column is missing, the
/// database provider is unknown), as opposed to a bad record, which becomes a <see cref="SourceRejection"/>.
/// Nothing is sent when it is thrown.
/// </summary>
internal sealed class SourceConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sourceName">The file or query file concerned, when there is one.</param>
    /// <param name="column">The canonical column concerned, when there is one.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public SourceConfigurationException(string? sourceName, string? column, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = sourceName;
        Column = column;
    }

    /// <summary>The file or query file concerned, when there is one.</summary>
    public string? SourceName { get; }

    /// <summary>The canonical column concerned (the first one when several are), when there is one.</summary>
    public string? Column { get; }
}
