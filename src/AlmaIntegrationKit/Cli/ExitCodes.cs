namespace AlmaIntegrationKit.Cli;

/// <summary>The exit codes of a college's command line.</summary>
internal static class ExitCodes
{
    /// <summary>Success; rejects under the threshold are a success.</summary>
    public const int Success = 0;

    /// <summary>Any error: bad configuration, an unreadable source, an upload that failed, an invalid file (<c>validate</c>).</summary>
    public const int Error = 1;

    /// <summary>A safety threshold aborted the run; nothing was placed or uploaded.</summary>
    public const int Aborted = 2;

    /// <summary>Ctrl+C (SIGINT) cancelled the command; temporary files were removed and nothing more was placed (128 + 2, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM (a service manager or <c>kill</c>) cancelled the command, as for <see cref="Interrupted"/> (128 + 15).</summary>
    public const int Terminated = 143;
}
