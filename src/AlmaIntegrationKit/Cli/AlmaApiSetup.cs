using AlmaIntegrationKit.AlmaApi;

namespace AlmaIntegrationKit.Cli;

/// <summary>The Alma API client of a command, from the <c>Alma</c> settings; problems become a <see cref="CliException"/>.</summary>
internal static class AlmaApiSetup
{
    public static AlmaApiSettings Settings(CliContext context)
    {
        var problems = new List<string>();
        var settings = AlmaApiSettings.Read(context.Configuration, problems);
        if (settings is null)
            throw new CliException(problems);
        return settings;
    }

    public static AlmaApiClient Client(CliContext context, AlmaApiSettings settings) => new(settings, context.Logger);

    /// <summary>An API failure that stops the whole command (a key Alma refuses, no connection): its message says what to fix.</summary>
    public static CliException Fail(AlmaApiException exception) => new(exception.Message);
}
