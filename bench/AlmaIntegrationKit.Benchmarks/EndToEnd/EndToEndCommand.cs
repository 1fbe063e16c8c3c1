using System.Diagnostics;
using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Benchmarks.EndToEnd;

/// <summary>
/// Peak memory, honestly: each export runs alone in a fresh child process (<c>--e2e-run</c>), which reports its wall
/// time and, at the end, its peak resident set (<c>VmHWM</c> from <c>/proc/self/status</c>, the high-water mark the
/// kernel keeps; <see cref="Process.PeakWorkingSet64"/> elsewhere). The parent (<c>--e2e</c>) writes the feeds
/// once, runs each exporter several times alternating, and prints the medians and the maxima.
/// </summary>
internal static class EndToEndCommand
{
    /// <summary>
    /// The suffix of an exporter that runs with tiered compilation off (<c>DOTNET_TieredCompilation=0</c>), the runtime
    /// setting of a project made by the <c>alma-sis</c> template: <c>kit+tc0</c>, <c>plain+tc0</c>.
    /// </summary>
    private const string TieredCompilationOff = "+tc0";

    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["--e2e-run", var exporter, var csv, var work]:
                return Child(exporter, csv, work);
            case ["--e2e-profile", var rows]:
                EndToEndProfile.Run(int.Parse(rows, CultureInfo.InvariantCulture));
                return 0;
            case ["--e2e", .. var rest]:
                return Parent(rest);
            default:
                Console.Error.WriteLine("usage: --e2e [rows...] [--wide] [--repeat N] [--exporters plain,kit-night3+tc0,kit-first+tc0,kit+tc0,kit-nostate+tc0] | --e2e-run kit|kit-first|kit-nostate|plain[+tc0] FEED.csv WORKDIR | --e2e-profile ROWS");
                return 1;
        }
    }

    private static int Child(string exporter, string csv, string work)
    {
        var kind = exporter.Replace(TieredCompilationOff, string.Empty, StringComparison.Ordinal);
        // As RunCommand does, in the folder a college keeps its state in; kit-first never has a profile.
        var profileFolder = kind == "kit" ? JitProfileFolder(csv) : null;

        var runDate = DateOnly.FromDateTime(KitExporter.Started.UtcDateTime);
        var watch = Stopwatch.StartNew();
        long users = kind switch
        {
            "kit" or "kit-first" => KitExporter.Run(csv, work, profileFolder).Counts.Written,
            "kit-nostate" => KitExporter.Run(csv, work, profileFolder: null, withState: false).Counts.Written,
            "plain" => PlainExporter.Run(csv, Path.Combine(work, "outbox"), runDate),
            _ => throw new ArgumentException($"unknown exporter {exporter}"),
        };
        watch.Stop();
        var jitMainMs = (long)System.Runtime.JitInfo.GetCompilationTime(currentThread: true).TotalMilliseconds; // compiling on the critical path
        var zipBytes = Directory.EnumerateFiles(Path.Combine(work, "outbox"), "*.zip").Sum(f => new FileInfo(f).Length);
        Console.WriteLine(FormattableString.Invariant(
            $"E2E exporter={exporter} ms={watch.ElapsedMilliseconds} cpu_ms={(long)Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds} hwm_kb={PeakKilobytes()} users={users} zip_bytes={zipBytes} gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} alloc_mb={GC.GetTotalAllocatedBytes() >> 20} gc_pause_ms={(long)GC.GetTotalPauseDuration().TotalMilliseconds} jit_ms={(long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds} jit_main_ms={jitMainMs} jitted={System.Runtime.JitInfo.GetCompiledMethodCount()} threads={BusyThreads()}"));
        return 0;
    }

    /// <summary>
    /// Where the <c>kit</c> exporter keeps its JIT profile between child processes, as a college's state folder keeps it
    /// between nightly runs: beside the feed, one per feed.
    /// </summary>
    private static string JitProfileFolder(string csv) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(csv))!, "jit-profile-" + Path.GetFileNameWithoutExtension(csv));

    /// <summary>The CPU time of each thread that used at least 20 ms so far ("name:ms,..."; Linux only, else empty), to see which core is the bottleneck.</summary>
    private static string BusyThreads()
    {
        if (!Directory.Exists("/proc/self/task"))
            return string.Empty;
        var busy = new List<(string Name, long Ms)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // "pid (comm) state ...": comm may hold spaces; utime and stime are fields 14 and 15, in clock ticks of 10 ms
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            var ms = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10;
            if (ms >= 20)
                busy.Add((stat[(open + 1)..close].Replace(' ', '_'), ms));
        }

        return string.Join(',', busy.OrderByDescending(t => t.Ms).Select(t => FormattableString.Invariant($"{t.Name}:{t.Ms}")));
    }

    /// <summary>The peak resident set of this process so far, in KiB.</summary>
    public static long PeakKilobytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1024;
    }

    private static int Parent(string[] args)
    {
        var sizes = new List<int>();
        var repeat = 3;
        // A night like any other (the third: the state and the JIT profile of two nights before), and the first night of
        // a feed (no state, no profile), against the plain exporter. `kit` alone is a first night with the profile an
        // earlier run of the build left in the state's folder (the runbook's dry run): it measures as `kit-first`.
        string[] exporters = ["plain", "kit-night3+tc0", "kit-first+tc0"];
        var wide = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--wide")
                wide = true;
            else if (args[i] == "--repeat")
                repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--exporters")
                exporters = args[++i].Split(',');
            else
                sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
        }

        if (sizes.Count == 0)
            sizes.AddRange([100_000, 1_000_000]);

        var self = typeof(EndToEndCommand).Assembly.Location;
        var report = new StringBuilder();
        report.AppendLine("| rows | exporter | wall time, median (min-max) | CPU time, median | peak working set, max (min) | users written | zip bytes |");
        report.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var rows in sizes)
        {
            var feed = PatronCsvFeed.Ensure(PatronCsvFeed.DefaultPath(rows, wide), rows, wide);
            var results = exporters.ToDictionary(e => e, _ => new List<Dictionary<string, string>>());

            // The nights before, not measured: the first run of this build records a profile of what it compiled, warm-up
            // included; the second compiles ahead from it and records only what a run itself needs.
            if (exporters.FirstOrDefault(e => e.Replace(TieredCompilationOff, string.Empty, StringComparison.Ordinal) == "kit") is { } nightly)
            {
                RunChildInFreshFolder(self, nightly, feed);
                RunChildInFreshFolder(self, nightly, feed);
            }

            for (var r = 0; r < repeat; r++)
            {
                foreach (var exporter in exporters)
                {
                    var line = RunChildInFreshFolder(self, exporter, feed);
                    Console.WriteLine($"{rows}: {line}");
                    results[exporter].Add(line.Split(' ').Skip(1).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]));
                }
            }

            foreach (var exporter in exporters)
            {
                var ms = results[exporter].Select(x => long.Parse(x["ms"], CultureInfo.InvariantCulture)).Order().ToList();
                var cpu = results[exporter].Select(x => long.Parse(x["cpu_ms"], CultureInfo.InvariantCulture)).Order().ToList();
                var hwm = results[exporter].Select(x => long.Parse(x["hwm_kb"], CultureInfo.InvariantCulture)).Order().ToList();
                var last = results[exporter][^1];
                report.AppendLine(FormattableString.Invariant(
                    $"| {rows:N0} | {exporter} | {ms[ms.Count / 2] / 1000.0:F1} s ({ms[0] / 1000.0:F1}-{ms[^1] / 1000.0:F1}) | {cpu[cpu.Count / 2] / 1000.0:F1} s | {hwm[^1] / 1024.0:F0} MB ({hwm[0] / 1024.0:F0}) | {long.Parse(last["users"], CultureInfo.InvariantCulture):N0} | {long.Parse(last["zip_bytes"], CultureInfo.InvariantCulture):N0} |"));
            }
        }

        Console.WriteLine();
        Console.Write(report);
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="exporter"/> in a folder of its own. <c>kit-nightN</c> is the kit's night N of the same feed:
    /// nights 1 to N-1 run first in the same folder, unmeasured, each its own process with its zips taken from the
    /// outbox afterwards (as an upload does), so the measured night opens the state those nights left.
    /// </summary>
    private static string RunChildInFreshFolder(string assembly, string exporter, string feed)
    {
        var work = Path.Combine(Path.GetTempPath(), "alma-e2e-bench", "run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var night = System.Text.RegularExpressions.Regex.Match(exporter, @"^kit-night(\d+)");
            if (!night.Success)
                return RunChild(assembly, exporter, feed, work);
            var nightly = "kit" + exporter[night.Length..];
            for (var n = 1; n < int.Parse(night.Groups[1].Value, CultureInfo.InvariantCulture); n++)
            {
                RunChild(assembly, nightly, feed, work);
                Directory.Delete(Path.Combine(work, "outbox"), recursive: true);
            }

            return RunChild(assembly, nightly, feed, work).Replace("exporter=" + nightly + " ", "exporter=" + exporter + " ", StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
    }

    private static string RunChild(string assembly, string exporter, string feed, string work)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!assembly.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) && Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(assembly);
        foreach (var arg in new[] { "--e2e-run", exporter, feed, work })
            start.ArgumentList.Add(arg);
        if (exporter.EndsWith(TieredCompilationOff, StringComparison.Ordinal))
            start.Environment["DOTNET_TieredCompilation"] = "0";
        using var child = Process.Start(start)!;
        var error = child.StandardError.ReadToEndAsync();
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"{exporter} failed ({child.ExitCode}): {output}\n{error.Result}");
        return output.Split('\n').Single(l => l.StartsWith("E2E ", StringComparison.Ordinal)).Trim();
    }
}
