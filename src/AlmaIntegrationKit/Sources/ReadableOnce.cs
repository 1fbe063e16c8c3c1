using System.Runtime.InteropServices;

namespace AlmaIntegrationKit.Sources;

/// <summary>Whether a path names something that can be read only once: a named pipe, an anonymous pipe (<c>/dev/fd/N</c>), a socket, a terminal.</summary>
internal static partial class ReadableOnce
{
    private const int ReadOnlyNonBlocking = 0x800; // O_RDONLY | O_NONBLOCK on Linux: opening a pipe does not wait for its writer
    private const int CloseOnExec = 0x80000;
    private const int SeekCurrent = 1;

    /// <summary>
    /// True when <paramref name="path"/> cannot be positioned (<c>lseek</c> fails), which is what reading it twice
    /// needs. Checked on Linux only, where the kit's nightly jobs run; elsewhere, and when the path cannot be opened
    /// (the read that follows reports that), false.
    /// </summary>
    public static bool Is(string path)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        var descriptor = Open(path, ReadOnlyNonBlocking | CloseOnExec);
        if (descriptor < 0)
            return false;
        try
        {
            return Seek(descriptor, 0, SeekCurrent) < 0;
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "lseek")]
    private static partial long Seek(int descriptor, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
