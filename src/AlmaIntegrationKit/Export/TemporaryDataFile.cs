using Microsoft.Win32.SafeHandles;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// The temporary files of an export that hold personal data (<see cref="PartitionedSpillFile"/>, <see cref="WaitingRows"/>):
/// created new, deleted when closed, and on Unix without a name from the moment they are open, so that not even a
/// killed process leaves one behind.
/// </summary>
internal static class TemporaryDataFile
{
    /// <summary>A new file <c>alma-export-*.<paramref name="extension"/></c> in <paramref name="directory"/> (the system's temporary folder by default).</summary>
    public static SafeFileHandle Create(string? directory, string extension, out string path)
    {
        path = Path.Combine(directory ?? Path.GetTempPath(), $"alma-export-{Guid.NewGuid():N}.{extension}");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
            File.Delete(path); // the open handle keeps the data
        return file;
    }

    /// <summary>Fills <paramref name="into"/> from <paramref name="offset"/> of <paramref name="file"/>, which <paramref name="what"/> names in the error when it ends early.</summary>
    public static void ReadExactly(SafeFileHandle file, long offset, Span<byte> into, string what)
    {
        while (!into.IsEmpty)
        {
            var read = RandomAccess.Read(file, into, offset);
            if (read == 0)
                throw new IOException($"The temporary file {what} ended early: it was changed or truncated during the export.");
            into = into[read..];
            offset += read;
        }
    }
}
