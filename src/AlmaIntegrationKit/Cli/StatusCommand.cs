using System.Globalization;
using AlmaIntegrationKit.State;
using Spectre.Console;

namespace AlmaIntegrationKit.Cli;

/// <summary><c>status</c>: the last runs and their counts from the state file, and the zips still waiting in the outbox.</summary>
internal static class StatusCommand
{
    private static readonly string[] Headers =
        ["#", "run", "started (UTC)", "mode", "result", "rows", "written", "unchanged", "rejected", "merged", "leavers", "users"];

    public static int Execute(CliContext context, int last)
    {
        if (last < 1)
            throw new CliException($"--last is {last}; give a number of runs of 1 or more.");
        var (outbox, stateFile) = ExportSettings.ReadPaths(context);
        if (!File.Exists(stateFile))
        {
            context.Out.WriteLine($"No runs yet: the state file {stateFile} does not exist (Export:StateFile). It is created by the first 'run'.");
            return ExitCodes.Success;
        }

        IReadOnlyList<RunRecord> runs;
        try
        {
            using var store = ExportStateStore.Open(stateFile);
            runs = store.RecentRuns(last);
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            throw StateFileErrors.Explain(exception, stateFile);
        }

        context.Out.WriteLine($"State file {stateFile}: the last {runs.Count} run(s), newest first");
        var rows = runs.Select(Row).ToList();
        if (context.Ansi is not null)
        {
            var table = new Table();
            foreach (var header in Headers)
                table.AddColumn(header);
            foreach (var row in rows)
                table.AddRow(row.Select(Markup.Escape).ToArray());
            context.Ansi.Write(table);
        }
        else
        {
            WritePlain(context.Out, [Headers, .. rows]);
        }

        var pending = Outbox.Pending(outbox);
        context.Out.WriteLine(pending.Count == 0
            ? $"No zip is waiting for upload in {outbox}."
            : $"{pending.Count} zip(s) waiting for upload in {outbox} (place them with 'upload'): {string.Join(", ", pending.Select(p => p.Name))}");
        return ExitCodes.Success;
    }

    private static string[] Row(RunRecord r) =>
    [
        N(r.Id), r.RunName, r.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Mode.ToLowerInvariant(),
        r.Succeeded ? "placed" : "aborted", N(r.RowsRead), N(r.Written), N(r.Unchanged), N(r.Rejected), N(r.Merged), N(r.LeaversWritten), N(r.Users),
    ];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WritePlain(TextWriter writer, IReadOnlyList<string[]> lines)
    {
        var widths = Enumerable.Range(0, Headers.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (var line in lines)
        {
            var cells = line.Select((cell, i) => i is 1 or 3 or 4 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
