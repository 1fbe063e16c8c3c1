using System.Text.Json;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Cli;

/// <summary>The log lines of a command: Microsoft.Extensions.Logging.Console's formatters, the Logging section, -q and the log file.</summary>
public sealed class LoggingTests : IDisposable
{
    private const string RunName = "01TEST_students_20300116T020000Z";
    private readonly CliHarness _cli = new();

    public LoggingTests() => _cli.WriteFeed(new PatronFeed().Good(3));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_default_is_one_plain_line_per_entry_with_a_utc_stamp()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains($"2030-01-16 02:00:00Z info Run {RunName}: 3 rows, 3 people: 3 written", _cli.Error);
    }

    [Fact]
    public async Task The_json_formatter_writes_one_json_object_per_line_on_standard_error()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--Logging:Console:FormatterName=json") == ExitCodes.Success, _cli.Transcript);
        var lines = LogLines();
        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var counts = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.Contains("3 written", StringComparison.Ordinal));
        Assert.Equal("Information", counts.GetProperty("LogLevel").GetString());
        Assert.Equal(CliContext.LogCategory, counts.GetProperty("Category").GetString());
        Assert.Equal(RunName, counts.GetProperty("State").GetProperty("RunName").GetString()); // structured, for a log shipper
        Assert.DoesNotContain("3 written", _cli.Output.Split('\n').Where(l => l.StartsWith('{')));
    }

    [Fact]
    public async Task The_systemd_formatter_prefixes_the_syslog_priority()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--Logging:Console:FormatterName=systemd") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains($"<6>{CliContext.LogCategory}[0] Run {RunName}: 3 rows", _cli.Error);
    }

    [Fact]
    public async Task An_unknown_formatter_is_an_error_naming_the_ones_there_are()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--Logging:Console:FormatterName=jsn") == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("Logging:Console:FormatterName is 'jsn'; give one of", _cli.Error);
        Assert.Contains("json", _cli.Error);
    }

    [Fact]
    public async Task Levels_per_category_in_the_Logging_section_are_honoured()
    {
        _cli.Settings["Logging"] = new Dictionary<string, object>
        {
            ["LogLevel"] = new Dictionary<string, object> { ["Default"] = "Information", [CliContext.LogCategory] = "Warning" },
        };
        Assert.True(await _cli.RunAsync("run", "--dry-run") == ExitCodes.Success, _cli.Transcript);
        Assert.DoesNotContain(" info ", _cli.Error);
        Assert.Contains("3 written", _cli.Output);
    }

    [Fact]
    public async Task Quiet_prints_only_warnings_and_errors()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(3).Row("P90001", "u1", "XX"));
        Assert.True(await _cli.RunAsync("run", "-q") == ExitCodes.Aborted, _cli.Transcript);
        Assert.Equal("", _cli.Output);
        Assert.DoesNotContain(" info ", _cli.Error);
        Assert.Contains($"warn Run {RunName} aborted by a safety threshold", _cli.Error);

        Assert.True(await _cli.RunAsync("status", "-q", "--verbose") == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("--verbose and --quiet exclude each other", _cli.Error);
    }

    [Fact]
    public async Task The_log_file_gets_the_lines_appended_run_after_run()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--log-file", "logs/alma.log") == ExitCodes.Success, _cli.Transcript);
        _cli.Section("Logging")["File"] = new Dictionary<string, object> { ["Path"] = "logs/alma.log" };
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--out", "second") == ExitCodes.Success, _cli.Transcript);

        var log = File.ReadAllLines(Path.Combine(_cli.Root, "logs", "alma.log"));
        Assert.Equal(2, log.Count(l => l.Contains($"info Run {RunName}: 3 rows", StringComparison.Ordinal)));
        Assert.All(log, l => Assert.DoesNotContain('\u001b', l));
    }

    [Fact]
    public async Task Verbose_adds_the_category_and_debug_lines()
    {
        Assert.True(await _cli.RunAsync("run", "--dry-run", "--verbose") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains($"info {CliContext.LogCategory}: Run {RunName}", _cli.Error);
    }

    private List<string> LogLines() =>
        _cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
