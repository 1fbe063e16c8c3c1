using AlmaIntegrationKit.Cli;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Tests.Cli;

public sealed class KnownSettingsTests
{
    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("appsettings.Sandbox.json")]
    [InlineData("appsettings.Production.json")]
    public void Every_key_the_template_scaffolds_is_known_so_a_new_project_starts_without_warnings(string file)
    {
        var path = Path.Combine(RepositoryLayout.Root, "templates", "alma-sis", file);
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();

        Assert.Empty(KnownSettings.Check(KnownSettings.KeysOf(configuration), file, []));
    }
}
