using System.Runtime.InteropServices;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// Zeroed native memory for <see cref="FeedIdRegistry"/>'s Bloom filter, on Linux advised as transparent huge pages:
/// the filter is read at random, one line per value, and in 4 KB pages nearly every touch also missed the TLB (an
/// 8 MB filter is 2,048 pages; with huge pages, 4).
/// </summary>
internal sealed unsafe class FilterMemory : IDisposable
{
    private const nuint HugePage = 2 << 20;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE

    private void* _memory;

    /// <summary>Allocates <paramref name="words"/> zeroed 64-bit words, aligned to 2 MB.</summary>
    public FilterMemory(long words)
    {
        Words = words;
        var bytes = (nuint)words * sizeof(ulong);
        _memory = NativeMemory.AlignedAlloc(bytes, HugePage);
        if (OperatingSystem.IsLinux())
            _ = Madvise(_memory, bytes, MadviseHugePage); // a hint: refused (THP off), the memory works as it is
        NativeMemory.Clear(_memory, bytes);
    }

    ~FilterMemory() => Free();

    /// <summary>The number of 64-bit words.</summary>
    public long Words { get; }

    /// <summary>The eight words (one 64-byte line) starting at <paramref name="word"/>.</summary>
    public Span<ulong> Line(long word)
    {
        ObjectDisposedException.ThrowIf(_memory is null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)word, (ulong)(Words - 8), nameof(word));
        return new Span<ulong>((ulong*)_memory + word, 8);
    }

    /// <summary>The address of <paramref name="word"/>, for a prefetch.</summary>
    public void* AddressOf(long word) => (ulong*)_memory + word;

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_memory is null)
            return;
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = false)]
    private static extern int Madvise(void* address, nuint length, int advice);
}
