using AlmaIntegrationKit.Generators.Tests.Alma;

namespace AlmaIntegrationKit.Generators.Tests.Infrastructure;

public class SmokeTests
{
    [Fact]
    public void Generated_types_exist()
    {
        var user = new User { PrimaryId = "x" };
        Assert.Equal("x", user.PrimaryId);
    }
}
