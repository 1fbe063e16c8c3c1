namespace AlmaIntegrationKit;

/// <summary>
/// Marks generated code that an SIS export rarely runs: a class of the Alma user schema that a nightly feed seldom
/// fills, and the writer's, reader's and validator's methods for it. Start-up code that compiles the export ahead of
/// its first use leaves these out; a feed that carries one compiles it where it is first used.
/// </summary>
/// <remarks>
/// The generator decides from the schema, not from names: a class is rarely used when every path to it from the
/// record (<c>user</c>) passes a field the SIS load ignores (its <c>xs:appinfo</c> tags lack <c>sis</c>, such as
/// <c>fees</c> or <c>user_roles</c>) or an object of its own (the type of a global element other than
/// <c>users</c> and <c>user</c>, such as Esploro's <c>researcher</c> in <c>rest_researcher.xsd</c>). See
/// docs/generator.md.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AlmaRarelyUsedAttribute : Attribute
{
}
