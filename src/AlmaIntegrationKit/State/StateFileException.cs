namespace AlmaIntegrationKit.State;

/// <summary>The state file cannot be used as it is; the message names the file's problem and the fix.</summary>
internal sealed class StateFileException : Exception
{
    /// <summary>A problem described by <paramref name="message"/>.</summary>
    public StateFileException(string message)
        : base(message)
    {
    }

    /// <summary>A problem described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public StateFileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A problem with no message of its own.</summary>
    public StateFileException()
    {
    }
}
