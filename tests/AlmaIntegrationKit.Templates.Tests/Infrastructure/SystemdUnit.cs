namespace AlmaIntegrationKit.Templates.Tests.Infrastructure;

/// <summary>
/// A systemd unit file read as systemd reads it: <c>[Section]</c> headers, <c>Key=value</c> lines (a key may repeat),
/// <c>#</c> and <c>;</c> comments, and a trailing backslash continuing a line.
/// </summary>
internal sealed class SystemdUnit
{
    private readonly List<(string Section, string Key, string Value)> _entries = [];

    private SystemdUnit()
    {
    }

    public static SystemdUnit Read(string path)
    {
        var unit = new SystemdUnit();
        var section = "";
        string? pending = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = pending is null ? raw.Trim() : pending + " " + raw.Trim();
            pending = null;
            if (line.EndsWith('\\'))
            {
                pending = line[..^1].TrimEnd();
                continue;
            }

            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                if (!line.EndsWith(']'))
                    throw new FormatException($"{path}({number}): a section header must end with ']'.");
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0 || section.Length == 0)
                throw new FormatException($"{path}({number}): expected Key=value inside a [Section], found '{line}'.");
            unit._entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return unit;
    }

    public IReadOnlyList<string> Sections => _entries.Select(e => e.Section).Distinct().ToList();

    /// <summary>Every value of <paramref name="key"/> in <paramref name="section"/>, in order.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        _entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value).ToList();

    /// <summary>The one value of <paramref name="key"/> in <paramref name="section"/>.</summary>
    public string Single(string section, string key) => Assert.Single(All(section, key));

    /// <summary>The <c>Environment=NAME=value</c> assignments of <paramref name="section"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment(string section) =>
        All(section, "Environment").Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
