namespace AlmaIntegrationKit.Cli;

/// <summary>A problem the operator fixes in the settings or on the command line: printed without a stack trace, exit code 1.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : this([message])
    {
    }

    public CliException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>One line per problem, each naming what to fix.</summary>
    public IReadOnlyList<string> Problems { get; }
}
