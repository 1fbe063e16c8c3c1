using Microsoft.CodeAnalysis;

namespace AlmaIntegrationKit.Generators.Common;

/// <summary>A diagnostic as equatable data, to travel through the pipeline and be reported at the end.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.AlmaDiagnostics.ById(Id);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
            args[i] = Arguments[i];
        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}
