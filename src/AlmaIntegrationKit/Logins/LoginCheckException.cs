namespace AlmaIntegrationKit.Logins;

/// <summary>
/// The login check could not be done: the directory is unreachable, TLS failed, the service account was refused, the
/// base DN or the filter is wrong, or the accounts file cannot be read. The message says what to fix and never holds
/// the password.
/// </summary>
internal sealed class LoginCheckException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public LoginCheckException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public LoginCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
