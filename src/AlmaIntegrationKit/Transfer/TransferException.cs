namespace AlmaIntegrationKit.Transfer;

/// <summary>Thrown where the transfer API cannot return a result: invalid options given to
/// <see cref="TransferService"/>, or a host key that could not be fetched.</summary>
internal sealed class TransferException : Exception
{
    /// <summary>Creates the exception from a failure.</summary>
    public TransferException(TransferFailure failure, Exception? inner = null)
        : base(failure.ToString(), inner)
    {
        Failure = failure;
        ConfigurationErrors = [];
    }

    /// <summary>Creates the exception for options that do not validate.</summary>
    public TransferException(IReadOnlyList<string> configurationErrors)
        : base("The upload options are not usable:\n  " + string.Join("\n  ", configurationErrors))
    {
        Failure = new TransferFailure(TransferFailureKind.Configuration, string.Join(" ", configurationErrors), "Fix the settings named above.");
        ConfigurationErrors = configurationErrors;
    }

    /// <summary>What went wrong.</summary>
    public TransferFailure Failure { get; }

    /// <summary>For <see cref="TransferFailureKind.Configuration"/>: one message per setting to fix.</summary>
    public IReadOnlyList<string> ConfigurationErrors { get; }

    /// <summary>Whether trying again later may succeed (set by the library for network errors).</summary>
    internal bool Transient { get; init; }
}
