using System.Xml.Linq;

namespace AlmaIntegrationKit.Testing;

/// <summary>The nuget.config of a throwaway consumer of the locally packed packages.</summary>
internal static class LocalFeedNuGetConfig
{
    /// <summary>
    /// The local feed first, then the sources this machine is configured with (nuget.org on a default install) so
    /// the kit's own dependencies restore, and the machine's global packages folder as a read-only fallback folder:
    /// it spares downloading them again and is never written to.
    /// </summary>
    public static string For(string feedDirectory, string workingDirectory)
    {
        var sources = DotNet.RunChecked(workingDirectory, null, "nuget", "list", "source", "--format", "short").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();
        var globalPackages = DotNet.RunChecked(workingDirectory, null, "nuget", "locals", "global-packages", "--list").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith("global-packages:", StringComparison.Ordinal) ? line["global-packages:".Length..].Trim() : null)
            .FirstOrDefault(path => path is not null);

        var config = new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "alma-local"), new XAttribute("value", feedDirectory)),
                sources.Select((source, i) => new XElement("add", new XAttribute("key", "machine-" + i), new XAttribute("value", source)))));
        if (globalPackages is { Length: > 0 } && Directory.Exists(globalPackages))
        {
            config.Add(new XElement("fallbackPackageFolders",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "machine-global-packages"), new XAttribute("value", globalPackages))));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), config).ToString();
    }
}
