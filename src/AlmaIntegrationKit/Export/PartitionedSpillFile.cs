using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace AlmaIntegrationKit.Export;

/// <summary>
/// A temporary file of append-only partitions: the per-person tables of an export live here instead of in memory, so
/// that the working set does not grow with the feed. Entries are appended to a partition and read back, whole
/// partition at a time, in the order they were appended.
/// </summary>
/// <remarks>
/// <para>Each partition fills a block buffer in memory; a full buffer is written at the end of the file as one block
/// whose header points at the partition's previous block. Memory is the buffers (partitions x block size) and three
/// numbers per partition, whatever the size of the feed; the blocks stay in the operating system's file cache, and
/// reading a partition walks its chain backwards. An entry never spans two blocks (one larger than a block is written
/// as a block of its own), so a partition read back is its entries end to end.</para>
/// <para>The file is a <see cref="TemporaryDataFile"/>: gone even when the process is killed.</para>
/// </remarks>
internal sealed class PartitionedSpillFile : IDisposable
{
    // previous block's offset (8), previous block's payload length (4)
    private const int HeaderBytes = 12;

    private readonly SafeFileHandle _file;
    private readonly int _capacity;
    private readonly byte[] _buffers;
    private readonly int[] _buffered;
    private readonly long[] _lastBlock;
    private readonly int[] _lastBlockLength;
    private readonly long[] _length;
    private long _end;

    /// <summary>A spill file of <paramref name="partitions"/> partitions (a power of two) with blocks of <paramref name="blockBytes"/>.</summary>
    public PartitionedSpillFile(int partitions, int blockBytes, string? directory = null)
    {
        if (partitions <= 0 || (partitions & (partitions - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "The number of partitions must be a power of two.");
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, HeaderBytes + 1);
        _file = TemporaryDataFile.Create(directory, "spill", out var path);
        Path = path;
        _capacity = blockBytes - HeaderBytes;
        _buffers = new byte[(long)partitions * blockBytes];
        _buffered = new int[partitions];
        _lastBlock = new long[partitions];
        _lastBlockLength = new int[partitions];
        _length = new long[partitions];
        _lastBlock.AsSpan().Fill(-1);
    }

    /// <summary>Where the file is (deleted on <see cref="Dispose"/>).</summary>
    public string Path { get; }

    /// <summary>The number of partitions.</summary>
    public int Partitions => _buffered.Length;

    /// <summary>Bytes appended to <paramref name="partition"/> so far.</summary>
    public long LengthOf(int partition) => _length[partition];

    /// <summary>Appends <paramref name="entry"/> to <paramref name="partition"/>.</summary>
    public void Append(int partition, ReadOnlySpan<byte> entry)
    {
        if (_buffered[partition] + entry.Length > _capacity)
            Flush(partition);
        if (entry.Length > _capacity)
        {
            var block = ArrayPool<byte>.Shared.Rent(HeaderBytes + entry.Length);
            try
            {
                entry.CopyTo(block.AsSpan(HeaderBytes));
                WriteBlock(partition, block.AsSpan(0, HeaderBytes + entry.Length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }
        else
        {
            entry.CopyTo(Buffer(partition)[(HeaderBytes + _buffered[partition])..]);
            _buffered[partition] += entry.Length;
        }

        _length[partition] += entry.Length;
    }

    /// <summary>
    /// Everything appended to <paramref name="partition"/>, in order, in <paramref name="buffer"/> (grown when too
    /// small, so that a caller can keep one buffer for every read).
    /// </summary>
    public ReadOnlySpan<byte> Read(int partition, ref byte[] buffer)
    {
        var length = _length[partition];
        if (length > Array.MaxLength - HeaderBytes)
            throw new InvalidOperationException($"A partition of the temporary file {Path} holds more than 2 GB.");
        var total = (int)length;
        if (buffer.Length < HeaderBytes + total)
            buffer = new byte[Math.Max(HeaderBytes + total, Math.Min(Array.MaxLength, buffer.Length * 2L))];

        // The result goes to buffer[HeaderBytes..]; each block is read with its header just in front of its payload,
        // over bytes that the blocks before it (read next) overwrite.
        var end = HeaderBytes + total;
        var buffered = _buffered[partition];
        Buffer(partition).Slice(HeaderBytes, buffered).CopyTo(buffer.AsSpan(end - buffered));
        end -= buffered;
        var block = _lastBlock[partition];
        var blockLength = _lastBlockLength[partition];
        while (block >= 0)
        {
            end -= blockLength; // where this block's payload starts
            var header = buffer.AsSpan(end - HeaderBytes, HeaderBytes);
            ReadExactly(block, buffer.AsSpan(end - HeaderBytes, HeaderBytes + blockLength));
            block = BinaryPrimitives.ReadInt64LittleEndian(header);
            blockLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        }

        if (end != HeaderBytes)
            throw new IOException($"The temporary file {Path} does not hold what was written to it.");

        return buffer.AsSpan(HeaderBytes, total);
    }

    public void Dispose() => _file.Dispose();

    private Span<byte> Buffer(int partition) => _buffers.AsSpan(partition * (_capacity + HeaderBytes), _capacity + HeaderBytes);

    private void Flush(int partition)
    {
        if (_buffered[partition] == 0)
            return;
        WriteBlock(partition, Buffer(partition)[..(HeaderBytes + _buffered[partition])]);
        _buffered[partition] = 0;
    }

    /// <summary>Writes <paramref name="block"/> (header space, then payload) at the end of the file as the partition's last block.</summary>
    private void WriteBlock(int partition, Span<byte> block)
    {
        BinaryPrimitives.WriteInt64LittleEndian(block, _lastBlock[partition]);
        BinaryPrimitives.WriteInt32LittleEndian(block[8..], _lastBlockLength[partition]);
        RandomAccess.Write(_file, block, _end);
        _lastBlock[partition] = _end;
        _lastBlockLength[partition] = block.Length - HeaderBytes;
        _end += block.Length;
    }

    private void ReadExactly(long offset, Span<byte> into) => TemporaryDataFile.ReadExactly(_file, offset, into, Path);
}
