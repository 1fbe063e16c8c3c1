namespace AlmaIntegrationKit.Tests.Transfer;

/// <summary>
/// Watches an upload's <c>.part</c> file on the (local) server's side and acts once it has grown to a given size: the
/// server's own view is the reliable trigger, as SSH.NET reports progress late and on pool threads.
/// </summary>
internal static class PartFileWatch
{
    /// <summary>
    /// Runs <paramref name="act"/> once <paramref name="part"/> holds at least <paramref name="bytes"/>, and gives the
    /// length seen then (0 when <paramref name="stop"/> came first). On a thread of its own: a pool task could wait its
    /// turn behind the blocking transfer threads until the upload had finished (it did once, on a busy CI run).
    /// </summary>
    public static Task<long> WhenAtLeast(string part, long bytes, Action act, CancellationToken stop) =>
        Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var length = File.Exists(part) ? new FileInfo(part).Length : 0;
                if (length >= bytes)
                {
                    act();
                    return length;
                }

                Thread.Sleep(1);
            }

            return 0L;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
