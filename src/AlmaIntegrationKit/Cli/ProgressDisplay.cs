using AlmaIntegrationKit.Transfer;
using Spectre.Console;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// A Spectre.Console progress display when the host is attached to an interactive terminal; nothing when it is not
/// (a scheduled job reads the plain log lines instead).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> under a spinner that says what is happening.</summary>
    public static Task<T> StatusAsync<T>(CliContext context, string text, Func<Task<T>> work) =>
        context.Ansi is null
            ? work()
            : context.Ansi.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(text), _ => work());

    /// <summary>Runs an upload of <paramref name="paths"/> with one progress bar per file.</summary>
    public static Task<UploadResult> UploadAsync(CliContext context, IReadOnlyList<string> paths, Func<IProgress<TransferProgress>?, Task<UploadResult>> work)
    {
        if (context.Ansi is null)
            return work(null);
        return context.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                foreach (var path in paths)
                {
                    var name = Path.GetFileName(path);
                    if (!tasks.ContainsKey(name))
                        tasks[name] = progress.AddTask(Markup.Escape(name), maxValue: Math.Max(1, new FileInfo(path).Length));
                }

                var result = await work(new Reporter(report =>
                {
                    if (tasks.TryGetValue(report.FileName, out var task) && report.BytesSent > task.Value)
                        task.Value = report.BytesSent;
                })).ConfigureAwait(false);
                foreach (var placed in result.Placed)
                {
                    if (tasks.TryGetValue(Path.GetFileName(placed.LocalPath), out var task))
                        task.Value = task.MaxValue;
                }

                return result;
            });
    }

    /// <summary>Reports on the caller's thread (SSH.NET reports from pool threads; Spectre's tasks are thread-safe).</summary>
    private sealed class Reporter(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
