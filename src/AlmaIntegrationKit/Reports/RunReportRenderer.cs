using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace AlmaIntegrationKit.Reports;

/// <summary>
/// Renders a <see cref="RunReportModel"/> with a template: a college's override from a folder when there is one, else
/// the built-in. An override that does not parse or fails while rendering does not fail the run: the built-in is used
/// and a warning names the override's file, line and column.
/// </summary>
internal static class RunReportRenderer
{
    /// <summary>
    /// Renders <paramref name="model"/> with <paramref name="template"/>, from <paramref name="templateFolder"/> when it
    /// holds an override; adds to <paramref name="warnings"/> one message per error of an override that was not used.
    /// </summary>
    public static string Render(RunReportTemplate template, RunReportModel model, string? templateFolder, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(warnings);
        if (templateFolder is not null)
        {
            var path = Path.GetFullPath(Path.Combine(templateFolder, template.FileName));
            if (File.Exists(path))
            {
                string text;
                try
                {
                    text = File.ReadAllText(path);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    warnings.Add($"{path}: the template override cannot be read ({exception.Message}); the built-in {template.FileName} was used.");
                    return RenderBuiltIn(template, model);
                }

                var errors = TryRender(text, path, template, model, out var output);
                if (errors is null)
                    return output!;
                foreach (var error in errors)
                    warnings.Add($"{error}; the built-in {template.FileName} was used instead.");
            }
        }

        return RenderBuiltIn(template, model);
    }

    /// <summary>Checks a template without rendering a real run: the errors (file(line,column): message), or none.</summary>
    public static IReadOnlyList<string> Check(RunReportTemplate template, string text, string path, RunReportModel sample)
    {
        ArgumentNullException.ThrowIfNull(template);
        return TryRender(text, path, template, sample, out _) ?? [];
    }

    private static string RenderBuiltIn(RunReportTemplate template, RunReportModel model)
    {
        var name = "(built-in) " + template.FileName;
        var errors = TryRender(template.BuiltInText(), name, template, model, out var output);
        return errors is null ? output! : throw new InvalidOperationException($"The built-in template failed: {string.Join("; ", errors)}");
    }

    private static List<string>? TryRender(string text, string path, RunReportTemplate kind, RunReportModel model, out string? output)
    {
        output = null;
        var template = Template.Parse(text, path);
        if (template.HasErrors)
            return template.Messages.Where(m => m.Type == ParserMessageType.Error).Select(m => Located(path, m.Span, m.Message)).DefaultIfEmpty(path + ": the template does not parse").ToList();

        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new ReportTemplateContext(kind.Escape)
        {
            StrictVariables = true,
            MemberRenamer = StandardMemberRenamer.Default,
            LoopLimit = 0,
            RecursiveLimit = 100,
            NewLine = "\n",
            EnableRelaxedMemberAccess = true,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            output = template.Render(context);
            return null;
        }
        catch (ScriptRuntimeException exception)
        {
            return [Located(path, exception.Span, exception.OriginalMessage)];
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or NullReferenceException)
        {
            return [$"{path}: the template failed: {exception.Message}"];
        }
    }

    // Scriban's positions are 0-based; editors count lines and columns from 1.
    private static string Located(string path, SourceSpan span, string message) =>
        $"{path}({(span.Start.Line + 1).ToString(CultureInfo.InvariantCulture)},{(span.Start.Column + 1).ToString(CultureInfo.InvariantCulture)}): line {(span.Start.Line + 1).ToString(CultureInfo.InvariantCulture)}, column {(span.Start.Column + 1).ToString(CultureInfo.InvariantCulture)}: {message}";
}
