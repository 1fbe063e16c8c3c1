using System.Diagnostics;

namespace AlmaIntegrationKit.Tests.Reports;

/// <summary>
/// Debian's <c>chromium</c> run headless on a local file, with a fresh profile and everything that would reach the
/// network switched off (installed by eng/prerequisites.sh).
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>What one run of the browser printed.</summary>
    public sealed record Output(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Loads <paramref name="htmlPath"/> and prints the DOM after loading (<c>--dump-dom</c>).</summary>
    public static Output DumpDom(string htmlPath) => Run(htmlPath, "--dump-dom");

    /// <summary>Loads <paramref name="htmlPath"/> in a 1200x2000 window and saves a screenshot to <paramref name="pngPath"/>.</summary>
    public static Output Screenshot(string htmlPath, string pngPath) =>
        Run(htmlPath, "--screenshot=" + pngPath, "--window-size=1200,2000", "--hide-scrollbars");

    private static Output Run(string htmlPath, params string[] action)
    {
        var profile = Path.Combine(Path.GetTempPath(), "alma-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                         "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile])
                start.ArgumentList.Add(argument);
            foreach (var argument in action)
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri);
            start.Environment["HOME"] = profile;

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish rendering the report within 2 minutes.");
            }

            process.WaitForExit();
            return new Output(process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Executable()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in (string[])["chromium", "chromium-browser"])
            {
                var path = Path.Combine(folder, name);
                if (folder.Length > 0 && File.Exists(path))
                    return path;
            }
        }

        throw new InvalidOperationException("chromium is not installed: run eng/prerequisites.sh (Debian package 'chromium').");
    }
}
