using System.Runtime.InteropServices;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Makes files and renames durable before the state file records them: a zip the state says is in the outbox must
/// survive a power cut that comes right after. On Windows a rename is made durable by the file system's journal; on
/// Linux and macOS the folder itself is synced as well (fsync of the directory).
/// </summary>
internal static partial class DurableFile
{
    /// <summary>Waits until the bytes of <paramref name="path"/> are on the disk.</summary>
    public static void Sync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Waits until the entries of <paramref name="folder"/> (names created, renamed or removed) are on the disk.</summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
            return;
        var descriptor = Open(folder, 0 /* O_RDONLY */);
        if (descriptor < 0)
            throw new IOException($"The folder {folder} could not be opened to sync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (FSync(descriptor) != 0)
                throw new IOException($"The folder {folder} could not be synced to the disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
