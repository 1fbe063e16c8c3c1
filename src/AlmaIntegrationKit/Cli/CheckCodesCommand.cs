using System.Globalization;
using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>check-codes [--input FILE.csv] [--mapping-only]</c>: reads the institution's code tables through the Alma API and
/// compares them with every code the project can send: the mapping file's user groups and campuses, and what the
/// college's mapper makes of the source rows (identifier, email, phone and address types, statistical categories,
/// campus codes). Each unknown or disabled code is printed with where it comes from and a "did you mean"; a table the
/// API does not return is "not checked". Exit 1 when any code is unknown or disabled.
/// </summary>
internal sealed class CheckCodesCommand<TUser>(UserGroupMap map, IPatronMapper<TUser> mapper)
    where TUser : class, IAlmaUser
{
    public async Task<int> ExecuteAsync(CliContext context, string? input, bool mappingOnly, CancellationToken cancellationToken)
    {
        var api = AlmaApiSetup.Settings(context);
        var collector = new SentCodeCollector();
        collector.AddMap(map);
        if (!mappingOnly)
        {
            var settings = ExportSettings.Read(context, input, null, null);
            var source = settings.CreateSource(context.Providers);
            var rows = await ProgressDisplay.StatusAsync(context, $"Mapping {source.Name}…", () => CollectAsync(context, source, collector, cancellationToken))
                .ConfigureAwait(false);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mapped {rows} row(s) of {source.Name} as 'run' would, to find the codes they send."));
        }

        var codes = collector.Codes;
        using var client = AlmaApiSetup.Client(context, api);
        Dictionary<string, AlmaCodeTable?> tables;
        try
        {
            tables = await ProgressDisplay.StatusAsync(context, $"Reading code tables from {api.BaseUrl.Host}…", () => ReadTablesAsync(client, codes, cancellationToken))
                .ConfigureAwait(false);
        }
        catch (AlmaApiException exception)
        {
            throw AlmaApiSetup.Fail(exception);
        }

        return Report(context, api, CodeCheck.Compare(codes, tables), tables);
    }

    private async Task<long> CollectAsync(CliContext context, IPatronSource source, SentCodeCollector collector, CancellationToken cancellationToken)
    {
        var runDate = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        long rows = 0;
        try
        {
            await foreach (var record in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (record is not PatronRow row || !map.TryGetBySisCode(row.PatronType, out var rule))
                    continue; // rows 'run' rejects before mapping send no code
                rows++;
                var expiry = rule.ExpiryDate(row.TermEndDate, runDate);
                var mappingContext = new PatronMappingContext(runDate, rule, expiry, rule.PurgeDate(expiry));
                TUser user;
                try
                {
                    user = mapper.Map(row, mappingContext);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    continue; // 'run' rejects the row: it sends nothing
                }

                // What the pipeline fills from the rule when the mapper leaves it empty.
                user.UserGroup ??= mappingContext.UserGroup;
                if (user.CampusCode is null && row.Campus is not null)
                    collector.Add(null, SentCodeCollector.CampusField, row.Campus, $"the campus column, first at {row.Position}");
                collector.AddUser(user, $"the mapper, first at {row.Position}");
            }
        }
        catch (SourceConfigurationException exception)
        {
            throw new CliException($"The source could not be read: {exception.Message}");
        }

        return rows;
    }

    private static async Task<Dictionary<string, AlmaCodeTable?>> ReadTablesAsync(AlmaApiClient client, IReadOnlyList<SentCode> codes, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, AlmaCodeTable?>(StringComparer.Ordinal);
        foreach (var name in CodeCheck.TablesOf(codes))
            tables[name] = await client.GetCodeTableAsync(name, cancellationToken).ConfigureAwait(false);
        return tables;
    }

    /// <summary>Prints the findings; also used by <c>test-connection</c>.</summary>
    internal static int Report(CliContext context, AlmaApiSettings api, IReadOnlyList<CodeFinding> findings, IReadOnlyDictionary<string, AlmaCodeTable?> tables)
    {
        var o = context.Out;
        o.WriteLine($"Alma code tables at {api.BaseUrl.Host}:");
        foreach (var (name, table) in tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var mine = findings.Where(f => f.Code.Table == name).ToList();
            o.WriteLine(table is null
                ? $"  {name}: not returned by the API: its {mine.Count} code(s) not checked"
                : string.Create(CultureInfo.InvariantCulture,
                    $"  {name} ({table.Rows.Count} rows): {mine.Count} code(s) sent, {mine.Count(f => f.Verdict == CodeVerdict.Known)} known, {mine.Count(f => f.Verdict == CodeVerdict.Unknown)} unknown, {mine.Count(f => f.Verdict == CodeVerdict.Disabled)} disabled"));
        }

        foreach (var finding in findings.Where(f => f.Verdict is CodeVerdict.Unknown or CodeVerdict.Disabled))
        {
            var code = finding.Code;
            var where = string.Create(CultureInfo.InvariantCulture, $"{code.Field} '{code.Code}' (from {code.Origin}{(code.Count > 1 ? $"; {code.Count} times" : "")})");
            o.WriteLine(finding.Verdict == CodeVerdict.Unknown
                ? $"error: {where} is not a code of Alma's {code.Table} table{(finding.Suggestion is null ? "" : $"; did you mean '{finding.Suggestion}'?")} Add it in Alma (Configuration > code tables) or fix the mapping."
                : $"error: {where} is disabled in Alma's {code.Table} table; enable it in Alma or stop sending it.");
        }

        var campus = findings.Where(f => f.Code.Table is null).Select(f => f.Code.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (campus.Count > 0)
            o.WriteLine($"not checked: campus codes {string.Join(", ", campus.Select(c => $"'{c}'"))}: the Campus List is general configuration, not a code table the API returns; compare them with Alma's Campuses page.");

        var bad = findings.Count(f => f.Verdict is CodeVerdict.Unknown or CodeVerdict.Disabled);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{findings.Count} code(s): {findings.Count(f => f.Verdict == CodeVerdict.Known)} known, {findings.Count(f => f.Verdict == CodeVerdict.Unknown)} unknown, {findings.Count(f => f.Verdict == CodeVerdict.Disabled)} disabled, {findings.Count(f => f.Verdict == CodeVerdict.NotChecked)} not checked."));
        return bad == 0 ? ExitCodes.Success : ExitCodes.Error;
    }
}
