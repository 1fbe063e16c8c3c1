using System.Reflection;
using AlmaIntegrationKit.Generators.Tests.Alma;

namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>
/// What the generated code declares rarely used, decided from the real schema by the rule in docs/generator.md:
/// reached from <c>user</c> only through fields the SIS load ignores or through another object (Esploro's researcher).
/// </summary>
public class RarelyUsedClassesTests
{
    private static readonly Type[] Generated = typeof(User).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(User).Namespace && !t.IsNested)
        .ToArray();

    [Fact]
    public void The_researcher_parts_and_the_classes_behind_fields_the_SIS_load_ignores_are_marked()
    {
        var marked = Generated.Where(t => t.IsDefined(typeof(AlmaRarelyUsedAttribute), inherit: false)).Select(t => t.Name).Order(StringComparer.Ordinal);

        var researcherParts = Generated.Where(t => t.Name.StartsWith("Researcher", StringComparison.Ordinal)).Select(t => t.Name);
        string[] ignoredBySis = ["Fees", "Loans", "Parameter", "ProxyForUser", "Requests", "UserRole"]; // tags "api get..." without sis
        Assert.Equal(researcherParts.Concat(ignoredBySis).Order(StringComparer.Ordinal), marked);
    }

    [Fact]
    public void A_class_the_user_also_reaches_through_SIS_fields_is_not_marked()
    {
        // user_identifier is in the researcher too, and in the user's own user_identifiers.
        Assert.False(typeof(UserIdentifier).IsDefined(typeof(AlmaRarelyUsedAttribute), inherit: false));
        Assert.False(typeof(User).IsDefined(typeof(AlmaRarelyUsedAttribute), inherit: false));
        Assert.False(typeof(Email).IsDefined(typeof(AlmaRarelyUsedAttribute), inherit: false));
    }

    [Theory]
    [InlineData(typeof(AlmaUsersWriter), "WriteResearcher", true)]
    [InlineData(typeof(AlmaUsersWriter), "WriteFees", true)]
    [InlineData(typeof(AlmaUsersWriter), "WriteUser", false)]
    [InlineData(typeof(AlmaUsersReader), "ReadResearcherHonor", true)]
    [InlineData(typeof(AlmaUsersReader), "ReadUserIdentifier", false)]
    [InlineData(typeof(AlmaUserValidator), "ValidateResearcher", true)]
    [InlineData(typeof(AlmaUserValidator), "ValidateAddress", false)]
    public void The_writers_readers_and_validators_methods_for_a_class_carry_its_mark(Type type, string method, bool marked)
    {
        var found = type.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(found);
        Assert.Equal(marked, found.IsDefined(typeof(AlmaRarelyUsedAttribute), inherit: false));
    }
}
