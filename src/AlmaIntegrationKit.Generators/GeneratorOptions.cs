using System;
using System.Collections.Generic;
using System.Linq;
using AlmaIntegrationKit.Generators.Common;
using AlmaIntegrationKit.Generators.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AlmaIntegrationKit.Generators;

/// <summary>
/// The MSBuild properties that steer the generator: <c>AlmaGeneratedNamespace</c> (default: the project's root
/// namespace plus <c>.Alma</c>) and <c>AlmaDateStyle</c> (<c>plain</c>: <c>2030-01-16</c>, or <c>utc</c>: <c>2030-01-16Z</c>).
/// </summary>
internal sealed record GeneratorOptions(string Namespace, bool UtcDateSuffix, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public const string FallbackNamespace = "AlmaIntegrationKit.Generated";

    public static GeneratorOptions From(AnalyzerConfigOptions options)
    {
        var diagnostics = new List<DiagnosticInfo>();
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        var defaultNamespace = IsValidNamespace(rootNamespace) ? rootNamespace + ".Alma" : FallbackNamespace;

        var generatedNamespace = defaultNamespace;
        if (options.TryGetValue("build_property.AlmaGeneratedNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            if (IsValidNamespace(configured.Trim()))
                generatedNamespace = configured.Trim();
            else
                diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.InvalidOption, null, "AlmaGeneratedNamespace", configured, "valid C# namespaces", defaultNamespace));
        }

        var utc = false;
        if (options.TryGetValue("build_property.AlmaDateStyle", out var style) && !string.IsNullOrWhiteSpace(style))
        {
            switch (style.Trim().ToLowerInvariant())
            {
                case "plain":
                    break;
                case "utc":
                    utc = true;
                    break;
                default:
                    diagnostics.Add(DiagnosticInfo.Create(AlmaDiagnostics.InvalidOption, null, "AlmaDateStyle", style, "'plain' (2030-01-16) and 'utc' (2030-01-16Z)", "plain"));
                    break;
            }
        }

        return new GeneratorOptions(generatedNamespace, utc, diagnostics.ToEquatableArray());
    }

    private static bool IsValidNamespace(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value!.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);
}
