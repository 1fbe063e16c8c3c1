using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Generators.Tests.Infrastructure;

/// <summary>An additional file held in memory, as the compiler hands it to the generator.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public string Content => text;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
