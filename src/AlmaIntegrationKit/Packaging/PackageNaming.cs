using System.Globalization;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// The names of what a run puts in the outbox: unique, sortable, and for the XML files inside the zips free of the
/// clock time, so that the same input and run date give byte-identical zips.
/// </summary>
internal static class PackageNaming
{
    /// <summary>The run's name: <c>&lt;institution-code&gt;_&lt;profile&gt;_&lt;UTC yyyyMMddTHHmmssZ&gt;</c>.</summary>
    public static string RunName(string institutionCode, string profile, DateTimeOffset startedUtc) =>
        $"{institutionCode}_{profile}_{startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>The name of zip <paramref name="number"/> (1-based) of <paramref name="total"/>: no suffix when it is the only one.</summary>
    public static string ZipName(string runName, int number, int total) =>
        total == 1 ? runName + ".zip" : $"{runName}_{number.ToString(CultureInfo.InvariantCulture)}.zip";

    /// <summary>The temporary name a zip is written under before it is complete; hidden and not a <c>.zip</c>.</summary>
    public static string TemporaryZipName(string runName, int number) =>
        $".{runName}_{number.ToString(CultureInfo.InvariantCulture)}.zip.tmp";

    /// <summary>The XML file <paramref name="number"/> (1-based, counted across the run's zips).</summary>
    public static string XmlEntryName(string institutionCode, string profile, DateOnly runDate, int number) =>
        $"{institutionCode}_{profile}_{runDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{number.ToString("D4", CultureInfo.InvariantCulture)}.xml";
}
