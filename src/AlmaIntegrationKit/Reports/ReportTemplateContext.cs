using Scriban;
using Scriban.Parsing;

namespace AlmaIntegrationKit.Reports;

/// <summary>
/// A Scriban context that passes every value a template writes (what <c>{{ ... }}</c> outputs, not the template's own
/// text) through the escaping of the report's format, so that a hostile value (a person_id <c>&lt;script&gt;</c>)
/// reaches the HTML, Markdown or text only as text, also in a college's own template.
/// </summary>
internal sealed class ReportTemplateContext(Func<string, string> escape) : TemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is null)
            return this;
        var text = textAsObject as string ?? ObjectToString(textAsObject);
        if (!string.IsNullOrEmpty(text))
            Write(escape(text));
        return this;
    }
}
