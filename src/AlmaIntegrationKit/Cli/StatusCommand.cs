using System.Globalization;
using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.State;
using Spectre.Console;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>status</c>: a run in progress, the last runs and their counts from the state file, and the zips still waiting
/// in the outbox; readable at 80 columns. <c>--json</c> gives the same for a monitoring system (<see cref="StatusReport"/>).
/// </summary>
internal static class StatusCommand
{
    private static readonly string[] Headers = ["started (UTC)", "mode", "result", "rows", "written", "unchanged", "rejected", "leavers"];

    public static int Execute(CliContext context, int last, bool json, BuildVersions versions)
    {
        if (last < 1)
            throw new CliException($"--last is {last}; give a number of runs of 1 or more.");
        var (outbox, stateFile) = ExportSettings.ReadPaths(context);
        var inProgress = OutboxLock.HeldSince(outbox);
        IReadOnlyList<RunRecord> runs = [];
        IReadOnlyList<string> pending = [];
        if (File.Exists(stateFile))
        {
            using var store = ExportStateStore.Open(stateFile);
            runs = store.RecentRuns(last);
            pending = store.PendingZips().Select(z => z.FileName).ToList();
        }

        if (json)
        {
            StatusReport.Create(stateFile, File.Exists(stateFile), outbox, inProgress, runs, pending, versions).WriteTo(context.Out);
            return ExitCodes.Success;
        }

        var o = context.Out;
        if (inProgress is { } since)
            o.WriteLine($"A run or upload is working on the outbox now (since {Time(since)} UTC).");
        if (!File.Exists(stateFile))
        {
            o.WriteLine("No runs yet: the state file does not exist (Export:StateFile); the first 'run' creates it:");
            o.WriteLine("  " + stateFile);
        }
        else
        {
            o.WriteLine($"The last {runs.Count} run(s), newest first, from the state file");
            o.WriteLine("  " + stateFile);
            if (runs.Count > 0)
                o.WriteLine($"Newest: {runs[0].RunName}");
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
                WritePlain(o, [Headers, .. rows]);
            }
        }

        AlmaJobStatusView.Write(o, stateFile);
        o.WriteLine("The outbox");
        o.WriteLine("  " + outbox);
        if (pending.Count == 0)
        {
            o.WriteLine("No zip is waiting for upload.");
        }
        else
        {
            o.WriteLine($"{pending.Count} zip(s) waiting for upload (the next 'run' places them first, or 'upload' now):");
            foreach (var zip in pending)
                o.WriteLine("  " + zip);
        }

        return ExitCodes.Success;
    }

    private static string[] Row(RunRecord r) =>
    [
        Time(r.StartedUtc), r.Mode.ToLowerInvariant(), !r.Succeeded ? "aborted" : r.Delivery ?? "placed",
        N(r.RowsRead), N(r.Written), N(r.Unchanged), N(r.Rejected), N(r.LeaversWritten),
    ];

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WritePlain(TextWriter writer, IReadOnlyList<string[]> lines)
    {
        var widths = Enumerable.Range(0, Headers.Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (var line in lines)
        {
            var cells = line.Select((cell, i) => i <= 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
