using System.Net;
using System.Text;

namespace AlmaIntegrationKit.Reports;

/// <summary>One of the run report's templates: its file name, and how values are escaped in it.</summary>
internal sealed class RunReportTemplate
{
    /// <summary>The Markdown report, <c>run-report.md</c>.</summary>
    public static readonly RunReportTemplate Markdown = new("run-report.md", EscapeMarkdown);

    /// <summary>The HTML report, <c>run-report.html</c>.</summary>
    public static readonly RunReportTemplate Html = new("run-report.html", EscapeHtml);

    /// <summary>The plain-text summary, <c>run-summary.txt</c>.</summary>
    public static readonly RunReportTemplate Summary = new("run-summary.txt", EscapeText);

    /// <summary>The three templates.</summary>
    public static IReadOnlyList<RunReportTemplate> All { get; } = [Markdown, Html, Summary];

    private RunReportTemplate(string fileName, Func<string, string> escape)
    {
        FileName = fileName;
        Escape = escape;
    }

    /// <summary>The template's file name, which is also the name of the file it renders and of a college's override.</summary>
    public string FileName { get; }

    /// <summary>What every value written by the template goes through.</summary>
    internal Func<string, string> Escape { get; }

    /// <summary>The built-in template's text (an embedded resource of this assembly).</summary>
    public string BuiltInText()
    {
        var name = "AlmaIntegrationKit.Reports.Templates." + FileName;
        using var stream = typeof(RunReportTemplate).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The built-in template '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Copies the built-in templates into <paramref name="folder"/> as a start for a college's own (existing files are kept).</summary>
    public static void CopyBuiltInsTo(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        foreach (var template in All)
        {
            var path = Path.Combine(folder, template.FileName);
            if (!File.Exists(path))
                File.WriteAllText(path, template.BuiltInText(), new UTF8Encoding(false));
        }
    }

    /// <inheritdoc />
    public override string ToString() => FileName;

    /// <summary>HTML-encodes <c>&lt; &gt; &amp; " '</c>.</summary>
    internal static string EscapeHtml(string value) => WebUtility.HtmlEncode(value);

    /// <summary>
    /// Keeps a value one piece of Markdown text: line breaks become spaces, and the characters that would start markup,
    /// a link, an HTML tag or end a table cell get a backslash (CommonMark escapes). Underscores are left as they are
    /// (names like <c>01MAIN_students</c> stay readable; CommonMark does not emphasise inside words).
    /// </summary>
    internal static string EscapeMarkdown(string value)
    {
        var text = EscapeText(value);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '[' or ']' or '<' or '>' or '|' or '#' or '!')
                builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Keeps a value on one line: line breaks, tabs and other control characters become spaces.</summary>
    internal static string EscapeText(string value)
    {
        if (!value.Any(char.IsControl))
            return value;
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
                chars[i] = ' ';
        }

        return new string(chars);
    }
}
