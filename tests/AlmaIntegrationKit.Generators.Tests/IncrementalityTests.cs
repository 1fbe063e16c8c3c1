using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using AlmaIntegrationKit.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Steps = AlmaIntegrationKit.Generators.AlmaGenerator.Steps;

namespace AlmaIntegrationKit.Generators.Tests;

/// <summary>The generator does no work it need not do: named steps, cached across edits that do not concern them.</summary>
public class IncrementalityTests
{
    private static readonly string[] AllSteps =
    [
        Steps.Options, Steps.SchemaFiles, Steps.SchemaSet, Steps.SchemaModel, Steps.SchemaDiagnostics, Steps.HasSchema,
        Steps.MappingFiles, Steps.MappingSet, Steps.GroupMap, Steps.MappingDiagnostics, Steps.SchemaEmitInput,
        Steps.GroupMapEmitInput, Steps.Diagnostics,
    ];

    private static readonly string[] SchemaBranch =
        [Steps.SchemaFiles, Steps.SchemaSet, Steps.SchemaModel, Steps.SchemaDiagnostics, Steps.HasSchema, Steps.SchemaEmitInput];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, List<InMemoryAdditionalText> Files) FirstRun()
    {
        var files = GeneratorHarness.RealSchema();
        files.Add(GeneratorHarness.TestMapping());
        var compilation = GeneratorHarness.Compilation(GeneratorHarness.CollegeSource);
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);
        return (driver, compilation, files);
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Every_step_is_named()
    {
        var result = FirstRun().Driver.GetRunResult().Results.Single();

        Assert.Equal(AllSteps.Order(StringComparer.Ordinal), result.TrackedSteps.Keys.Where(k => AllSteps.Contains(k)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_step_cached()
    {
        var (driver, compilation, _) = FirstRun();

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 42; }", GeneratorHarness.CSharpParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in AllSteps)
            Assert.All(Reasons(result, step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_mapping_edit_leaves_the_schema_branch_cached_and_regenerates_the_group_map()
    {
        var (driver, compilation, files) = FirstRun();
        var mapping = files.Single(f => f.Path == GeneratorHarness.MappingPath);
        var edited = new InMemoryAdditionalText(mapping.Path, mapping.Content + "LIB,LIBSTAFF,Library Staff,45,P60D,P2Y,\n");

        var result = driver.ReplaceAdditionalText(mapping, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in SchemaBranch)
            Assert.All(Reasons(result, step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, Steps.GroupMap));
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Alma.AlmaUserGroups.g.cs" && s.SourceText.ToString().Contains("LIBSTAFF"));
    }

    [Fact]
    public void A_whitespace_only_schema_edit_leaves_the_model_unchanged()
    {
        var (driver, compilation, files) = FirstRun();
        var user = files.Single(f => f.Path.EndsWith("rest_user.xsd", StringComparison.Ordinal));
        var edited = new InMemoryAdditionalText(user.Path, user.Content.Replace("<xs:include schemaLocation=\"rest_researcher.xsd\" />", "\n\n    <xs:include schemaLocation=\"rest_researcher.xsd\" />   \n"));
        Assert.NotEqual(user.Content, edited.Content);

        var result = driver.ReplaceAdditionalText(user, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, Steps.SchemaFiles));
        Assert.All(Reasons(result, Steps.SchemaModel), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        Assert.All(Reasons(result, Steps.SchemaEmitInput), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Pipeline_models_hold_no_Roslyn_or_System_Xml_objects()
    {
        var result = FirstRun().Driver.GetRunResult().Results.Single();

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in AllSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
                AssertPlainData(output.Value, step, visited);
        }

        Assert.True(visited.Count > 1000, "the walk must reach into the models");
    }

    private static void AssertPlainData(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return;
        var type = value.GetType();
        var ns = type.Namespace ?? string.Empty;
        Assert.False(ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal), $"{path} holds a {type.FullName}");
        Assert.False(ns.StartsWith("System.Xml", StringComparison.Ordinal), $"{path} holds a {type.FullName}");
        if (!type.IsValueType && !visited.Add(value))
            return;

        if (value is IEnumerable items && type.FullName?.StartsWith("System.Collections.Immutable.ImmutableArray", StringComparison.Ordinal) != true)
        {
            var i = 0;
            foreach (var item in items)
                AssertPlainData(item, $"{path}[{i++}]", visited);
            if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
                return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            foreach (var item in (IEnumerable)value)
                AssertPlainData(item, path + "[]", visited);
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertPlainData(field.GetValue(value), path + "." + field.Name, visited);
    }
}
