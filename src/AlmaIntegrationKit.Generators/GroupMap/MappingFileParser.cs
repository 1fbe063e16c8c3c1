using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AlmaIntegrationKit.Generators.Common;
using AlmaIntegrationKit.Generators.Diagnostics;
using AlmaIntegrationKit.Shared;
using Microsoft.CodeAnalysis.Text;

namespace AlmaIntegrationKit.Generators.GroupMap;

/// <summary>Reads <c>alma-user-groups.csv</c> into <see cref="GroupMapModel"/>, with a diagnostic on the line and column of every problem.</summary>
internal sealed class MappingFileParser
{
    public const string FileName = "alma-user-groups.csv";

    private static readonly string[] RequiredColumns = { "sis_code", "alma_code", "alma_desc", "weight", "expiry", "purge" };
    private static readonly string[] OptionalColumns = { "campus" };

    private readonly string _path;
    private readonly SourceText _text;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    private MappingFileParser(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    public static GroupMapParse Parse(string path, SourceText text) => new MappingFileParser(path, text).Run();

    private GroupMapParse Run()
    {
        var rules = new List<GroupRuleModel>();
        using var records = CsvFieldReader.Read(_text.ToString()).GetEnumerator();
        if (!records.MoveNext())
        {
            Report(AlmaDiagnostics.MappingMissingColumn, 1, 1, 1, string.Join(", ", RequiredColumns), ": the file is empty; its first line must be the header");
            return Result(rules);
        }

        var header = records.Current;
        if (header.Error is not null)
        {
            Report(AlmaDiagnostics.MappingMalformedRow, header.ErrorLine, header.ErrorColumn, 1, $"The header cannot be read: {header.Error}");
            return Result(rules);
        }

        var columns = ReadHeader(header);
        if (columns is null)
            return Result(rules);

        var firstLineBySisCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var labelByAlmaCode = new Dictionary<string, (string Label, int Line)>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is not null)
            {
                Report(AlmaDiagnostics.MappingMalformedRow, record.ErrorLine, record.ErrorColumn, 1, $"Line {record.Line} cannot be read: {record.Error}");
                continue;
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                Report(AlmaDiagnostics.MappingMalformedRow, record.Line, 1, 1,
                    $"Line {record.Line} has {record.Fields.Count} fields but the header has {header.Fields.Count}; quote a value that contains a comma");
                continue;
            }

            var rule = ReadRule(record, columns, firstLineBySisCode, labelByAlmaCode);
            if (rule is not null)
                rules.Add(rule);
        }

        return Result(rules);
    }

    private Dictionary<string, int>? ReadHeader(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var known = RequiredColumns.Concat(OptionalColumns).ToArray();
        var unknown = new List<CsvField>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var field = header.Fields[i];
            var name = field.Value.Trim();
            if (known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (!columns.ContainsKey(name))
                    columns.Add(name, i);
            }
            else
            {
                unknown.Add(field);
            }
        }

        var missingAny = false;
        foreach (var required in RequiredColumns)
        {
            if (columns.ContainsKey(required))
                continue;
            missingAny = true;
            var nearest = NearMiss.Suggest(required, unknown.Select(u => u.Value.Trim()));
            CsvField? near = nearest is null ? null : unknown.First(u => u.Value.Trim() == nearest);
            Report(AlmaDiagnostics.MappingMissingColumn, near?.Line ?? header.Line, near?.Column ?? 1, Math.Max(1, near?.Value.Length ?? 1), required,
                nearest is null ? $"; the header needs {string.Join(", ", RequiredColumns)} (and optionally campus)" : $"; did you mean to name '{nearest}' '{required}'?");
        }

        foreach (var field in unknown)
        {
            var name = field.Value.Trim();
            var suggestion = NearMiss.Suggest(name, known.Where(k => !columns.ContainsKey(k)));
            Report(AlmaDiagnostics.MappingUnknownColumn, field.Line, field.Column, Math.Max(1, field.Value.Length), name,
                suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?");
        }

        return missingAny ? null : columns;
    }

    private GroupRuleModel? ReadRule(CsvRecord record, Dictionary<string, int> columns, Dictionary<string, int> firstLineBySisCode, Dictionary<string, (string Label, int Line)> labelByAlmaCode)
    {
        CsvField Field(string column) => record.Fields[columns[column]];
        string? Optional(string column) => columns.TryGetValue(column, out var index) && record.Fields[index].Value.Trim() is { Length: > 0 } value ? value : null;

        var valid = true;
        var sisCode = Field("sis_code");
        var almaCode = Field("alma_code");
        foreach (var code in new[] { ("sis_code", sisCode), ("alma_code", almaCode) })
        {
            if (code.Item2.Value.Trim().Length == 0)
            {
                Report(AlmaDiagnostics.MappingEmptyCode, code.Item2, code.Item1);
                valid = false;
            }
        }

        var sis = sisCode.Value.Trim();
        if (sis.Length > 0)
        {
            if (firstLineBySisCode.TryGetValue(sis, out var firstLine))
            {
                Report(AlmaDiagnostics.MappingDuplicateSisCode, sisCode, sis, firstLine.ToString(CultureInfo.InvariantCulture));
                valid = false;
            }
            else
            {
                firstLineBySisCode.Add(sis, record.Line);
            }
        }

        var weightField = Field("weight");
        if (!int.TryParse(weightField.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weight))
        {
            Report(AlmaDiagnostics.MappingBadWeight, weightField, weightField.Value);
            valid = false;
        }

        var expiry = ReadPeriod(Field("expiry"), "expiry", ref valid);
        var purge = ReadPeriod(Field("purge"), "purge", ref valid);

        var alma = almaCode.Value.Trim();
        var desc = Optional("alma_desc");
        if (alma.Length > 0 && desc is not null)
        {
            if (labelByAlmaCode.TryGetValue(alma, out var first) && first.Label != desc)
                Report(AlmaDiagnostics.MappingInconsistentLabel, Field("alma_desc"), alma, desc, first.Label, first.Line.ToString(CultureInfo.InvariantCulture));
            else if (!labelByAlmaCode.ContainsKey(alma))
                labelByAlmaCode.Add(alma, (desc, record.Line));
        }

        return valid ? new GroupRuleModel(sis, alma, desc, weight, expiry, purge, Optional("campus")) : null;
    }

    private PeriodModel ReadPeriod(CsvField field, string column, ref bool valid)
    {
        var text = field.Value.Trim();
        if (IsoPeriodSyntax.TryParse(text, out var years, out var months, out var days))
            return new PeriodModel(years, months, days);

        var hint = text.Length > 0 && IsoPeriodSyntax.TryParse("P" + text, out _, out _, out _)
            ? $"; did you mean 'P{text.ToUpperInvariant()}'?"
            : text.StartsWith("PT", StringComparison.OrdinalIgnoreCase) ? "; Alma dates have no time, so a time part (T...) cannot be used" : string.Empty;
        Report(AlmaDiagnostics.MappingBadDuration, field, column, text, hint);
        valid = false;
        return default;
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, CsvField field, params string[] arguments) =>
        Report(descriptor, field.Line, field.Column, Math.Max(1, field.Value.Length), arguments);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int line, int column, int length, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.FromLineColumn(_path, _text, line, column, length), arguments));

    private GroupMapParse Result(List<GroupRuleModel> rules) =>
        new(new GroupMapModel(true, rules.ToEquatableArray()), _diagnostics.ToEquatableArray());

    public static bool IsMappingFile(string path) =>
        string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);
}
