using System.Globalization;

namespace AlmaIntegrationKit.Transfer;

/// <summary>Byte counts for people: exact bytes plus a decimal unit.</summary>
internal static class ByteSize
{
    public static string Format(long bytes)
    {
        var exact = bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
        return bytes switch
        {
            >= 1_000_000_000 => $"{exact} ({(bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture)} GB)",
            >= 1_000_000 => $"{exact} ({(bytes / 1e6).ToString("0.##", CultureInfo.InvariantCulture)} MB)",
            >= 1_000 => $"{exact} ({(bytes / 1e3).ToString("0.##", CultureInfo.InvariantCulture)} kB)",
            _ => exact,
        };
    }
}
