using System.CommandLine;
using System.CommandLine.Invocation;
using AlmaIntegrationKit.Packaging;

namespace AlmaIntegrationKit.Cli;

/// <summary><c>--version</c>: the college's project, the kit, generator and template versions, and the schema publication.</summary>
internal sealed class VersionAction(BuildVersions versions) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        foreach (var line in versions.Lines())
            output.WriteLine(line);
        return ExitCodes.Success;
    }

    /// <summary>Puts this action on the root command's built-in <c>--version</c> option.</summary>
    public static void Attach(RootCommand root, BuildVersions versions)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
            option.Action = new VersionAction(versions);
    }
}
