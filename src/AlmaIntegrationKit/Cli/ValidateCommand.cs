using System.Globalization;
using System.IO.Compression;
using System.Xml;
using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>validate FILE...</c>: reads Alma SIS zips or XML files, also ones other tools made, with the generated reader
/// and validator, and prints one line per problem:
/// <c>file[!entry]:line: error|warning rule: user primary_id, field/path: message</c>. Also checks that no
/// primary_id is used twice across the files (as Alma compares: ignoring case). Exit 0 when no error was found, 1 otherwise.
/// </summary>
internal sealed class ValidateCommand<TUser>(IAlmaSchema<TUser> schema)
    where TUser : class, IAlmaUser
{
    public const string XmlRule = "xml";
    public const string FileRule = "file";
    public const string ZipRule = "zip";
    public const string SizeRule = "size";

    /// <summary>
    /// The most an entry of a zip may unpack to. The kit writes at most 10,000 users to one file, a few tens of
    /// megabytes; an entry that says it holds far more is no SIS file, and is refused before it is unpacked.
    /// </summary>
    public const long MaxEntryBytes = 1L << 30;

    private readonly Dictionary<string, string> _primaryIds = new(StringComparer.OrdinalIgnoreCase);
    private int _errors;
    private int _warnings;
    private int _users;

    public int Execute(CliContext context, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ValidateFile(context, file, cancellationToken);
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} file(s), {_users} user(s): {_errors} error(s), {_warnings} warning(s)."));
        return _errors == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    private void ValidateFile(CliContext context, string file, CancellationToken cancellationToken)
    {
        var path = context.FullPath(file);
        if (!File.Exists(path))
        {
            Problem(context, file, null, IssueSeverity.Error, FileRule, null, null, Directory.Exists(path)
                ? "is a folder; give the zip or XML files in it"
                : "the file does not exist");
            return;
        }

        if (!IsZip(path))
        {
            using var stream = File.OpenRead(path);
            ValidateXml(context, file, inZip: false, stream, cancellationToken);
            return;
        }

        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException exception)
        {
            Problem(context, file, null, IssueSeverity.Error, ZipRule, null, null, $"the zip cannot be read: {exception.Message}");
            return;
        }

        using (archive)
        {
            var xmlEntries = 0;
            foreach (var entry in archive.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var location = $"{file}!{entry.FullName}";
                if (HasPathInName(entry.FullName))
                {
                    Problem(context, location, null, IssueSeverity.Error, ZipRule, null, null,
                        "the entry's name holds a folder ('/' or '\\') or '..'; Alma's SIS job reads XML files at the top of the zip, " +
                        "and a name with '..' can write outside the folder it is unpacked into (zip slip): rebuild the zip with plain file names");
                }

                if (entry.FullName.EndsWith('/'))
                    continue;
                if (!entry.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    Problem(context, location, null, IssueSeverity.Warning, ZipRule, null, null, "not an .xml file; Alma's SIS job does not load it");
                    continue;
                }

                xmlEntries++;
                if (entry.Length > MaxEntryBytes)
                {
                    // The zip reader stops at the size an entry declares, so the declared size bounds what would be read.
                    Problem(context, location, null, IssueSeverity.Error, SizeRule, null, null, string.Create(CultureInfo.InvariantCulture,
                        $"the entry unpacks to {entry.Length:N0} bytes, more than the {MaxEntryBytes:N0} an SIS file could need (a zip bomb?); it is not read"));
                    continue;
                }

                try
                {
                    using var stream = entry.Open();
                    ValidateXml(context, location, inZip: true, stream, cancellationToken);
                }
                catch (InvalidDataException exception)
                {
                    Problem(context, location, null, IssueSeverity.Error, ZipRule, null, null, $"the entry cannot be unpacked: {exception.Message}");
                }
            }

            if (xmlEntries == 0)
                Problem(context, file, null, IssueSeverity.Error, ZipRule, null, null, "the zip holds no .xml file; Alma's SIS job would load nothing");
            else if (xmlEntries > Packaging.PackagingOptions.MaxXmlFilesPerZip)
                Problem(context, file, null, IssueSeverity.Error, ZipRule, null, null,
                    $"the zip holds {xmlEntries} XML files; Alma's SIS job reads at most {Packaging.PackagingOptions.MaxXmlFilesPerZip} per zip");
        }
    }

    private void ValidateXml(CliContext context, string location, bool inZip, Stream stream, CancellationToken cancellationToken)
    {
        var issues = new List<ValidationIssue>();
        var users = 0;
        try
        {
            foreach (var record in schema.ReadUsers(stream))
            {
                cancellationToken.ThrowIfCancellationRequested();
                users++;
                _users++;
                issues.Clear();
                issues.AddRange(record.Issues);
                schema.Validate(record.User, issues);
                var primaryId = string.IsNullOrWhiteSpace(record.User.PrimaryId) ? null : record.User.PrimaryId;
                var user = primaryId is null ? "user without primary_id" : $"user {primaryId}";
                foreach (var issue in issues)
                    Problem(context, location, record.LineNumber, issue.Severity, issue.Rule, user, issue.Path, issue.Message);
                if (primaryId is not null)
                {
                    var here = $"{location}:{record.LineNumber.ToString(CultureInfo.InvariantCulture)}";
                    if (_primaryIds.TryGetValue(primaryId, out var first))
                        Problem(context, location, record.LineNumber, IssueSeverity.Error, ExportRejectRules.DuplicateId, user, MatchId.PrimaryIdName,
                            $"the primary_id is also used by the user at {first} (compared ignoring case); Alma would reject one of them");
                    else
                        _primaryIds[primaryId] = here;
                }
            }
        }
        catch (Xml.XmlNodeTooLongException exception)
        {
            Problem(context, location, exception.LineNumber > 0 ? exception.LineNumber : null, IssueSeverity.Error, SizeRule, null, null,
                $"{exception.Message} The rest of this {(inZip ? "entry" : "file")} is not read.");
            return;
        }
        catch (XmlException exception)
        {
            Problem(context, location, exception.LineNumber > 0 ? exception.LineNumber : null, IssueSeverity.Error, XmlRule, null, null,
                $"not well-formed XML: {exception.Message}");
            return;
        }

        if (users == 0)
            Problem(context, location, null, IssueSeverity.Warning, XmlRule, null, null, "holds no user record");
    }

    private void Problem(CliContext context, string location, int? line, IssueSeverity severity, string rule, string? record, string? path, string message)
    {
        if (severity == IssueSeverity.Error)
            _errors++;
        else
            _warnings++;
        var where = line is { } l ? $"{location}:{l.ToString(CultureInfo.InvariantCulture)}" : location;
        var field = string.IsNullOrEmpty(path) ? "" : path;
        var subject = (record ?? "", field) switch
        {
            ("", "") => "",
            (_, "") => record + ": ",
            ("", _) => field + ": ",
            _ => $"{record}, {field}: ",
        };
        context.Out.WriteLine($"{where}: {(severity == IssueSeverity.Error ? "error" : "warning")} {rule}: {subject}{message}");
    }

    private static bool HasPathInName(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name == "..";

    private static bool IsZip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] is 3 or 5 && magic[3] is 4 or 6;
    }
}
