using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Streams users into zips of <c>&lt;users&gt;</c> XML files, cut by <see cref="PackagingOptions.UsersPerFile"/> and
/// <see cref="PackagingOptions.XmlFilesPerZip"/>. Zips are written under temporary names in the outbox and appear
/// under their real names only on <see cref="Place"/>; <see cref="Discard"/> removes them. Entry order, names and
/// timestamps depend only on the users and the run date, so the same input gives byte-identical zips.
/// </summary>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class ZipPackager<TUser> : IDisposable
    where TUser : class, IAlmaUser
{
    private readonly PackagingOptions _options;
    private readonly DateTimeOffset _entryTimestamp;
    private readonly List<(string TemporaryPath, int Users, int XmlFiles)> _zips = [];
    private readonly IAlmaSchema<TUser> _schema;
    private readonly UserXmlRecords<TUser> _records;
    private FileStream? _zipFile;
    private ZipArchive? _archive;
    private Stream? _entry;
    private byte[] _entryBuffer = [];
    private int _entryBuffered;
    private long _entryLength;
    private int _usersInFile;
    private int _xmlFilesInZip;
    private int _usersInZip;
    private int _xmlFileNumber;
    private IReadOnlyList<PackagedZip>? _completed;

    /// <summary>Packages for one run.</summary>
    public ZipPackager(IAlmaSchema<TUser> schema, PackagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsersPerFile < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.UsersPerFile, "UsersPerFile must be at least 1.");
        if (options.XmlFilesPerZip is < 1 or > PackagingOptions.MaxXmlFilesPerZip)
            throw new ArgumentOutOfRangeException(nameof(options), options.XmlFilesPerZip,
                $"XmlFilesPerZip must be between 1 and {PackagingOptions.MaxXmlFilesPerZip}.");
        _options = options;
        _schema = schema;
        _records = new UserXmlRecords<TUser>(schema);
        _entryTimestamp = new DateTimeOffset(options.RunDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Directory.CreateDirectory(options.OutboxDirectory);
    }

    /// <summary>Users written so far.</summary>
    public int UserCount { get; private set; }

    /// <summary>
    /// Writes <paramref name="user"/>, unless a value holds a character XML cannot carry: then nothing of it is written,
    /// the reasons are added to <paramref name="issues"/> and the result is false.
    /// </summary>
    public bool TryAdd(TUser user, ICollection<ValidationIssue> issues)
    {
        if (_completed is not null)
            throw new InvalidOperationException("The package is complete.");
        if (!_records.TryWrite(user, issues, out var record))
            return false;
        _ = AddRecord(record);
        return true;
    }

    /// <summary>
    /// Adds one user's record bytes as <see cref="IAlmaSchema{TUser}.TryWriteRecord"/> writes them (see
    /// <see cref="UserXmlRecords{TUser}"/>); each XML file opens with the schema's document prefix and closes with its suffix.
    /// Returns where the record lies, so that the state can find it again in the zip it keeps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal RecordLocation AddRecord(ReadOnlySpan<byte> record)
    {
        if (_completed is not null)
            throw new InvalidOperationException("The package is complete.");
        if (_entry is not null && _usersInFile >= _options.UsersPerFile)
            CloseXmlFile();
        if (_entry is null)
        {
            OpenXmlFile();
            Append(_schema.DocumentPrefix);
        }

        var location = new RecordLocation(_zips.Count, _xmlFilesInZip - 1, _entryLength, record.Length);
        Append(record);
        _usersInFile++;
        _usersInZip++;
        UserCount++;
        return location;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        _entryLength += bytes.Length;
        if (_entryBuffered + bytes.Length > _entryBuffer.Length)
        {
            FlushEntry();
            if (bytes.Length > _entryBuffer.Length)
            {
                _entry!.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_entryBuffer.AsSpan(_entryBuffered));
        _entryBuffered += bytes.Length;
    }

    private void FlushEntry()
    {
        if (_entryBuffered == 0)
            return;
        _entry!.Write(_entryBuffer, 0, _entryBuffered);
        _entryBuffered = 0;
    }

    /// <summary>Closes the last XML file and zip, and describes the zips (still under their temporary names).</summary>
    public IReadOnlyList<PackagedZip> Complete()
    {
        if (_completed is not null)
            return _completed;
        CloseZip();
        var total = _zips.Count;
        var zips = new List<PackagedZip>(total);
        for (var i = 0; i < total; i++)
        {
            var (path, users, xmlFiles) = _zips[i];
            zips.Add(new PackagedZip(PackageNaming.ZipName(_options.RunName, i + 1, total), path, new FileInfo(path).Length,
                Sha256Of(path), users, xmlFiles));
        }

        _completed = zips;
        return zips;
    }

    /// <summary>
    /// Renames the completed zips into the outbox under their real names, each on the disk before its rename and the
    /// renames on the disk before this returns (the state records them next); returns them with their final paths.
    /// </summary>
    public IReadOnlyList<PackagedZip> Place()
    {
        var placed = new List<PackagedZip>();
        foreach (var zip in Complete())
        {
            var target = Path.Combine(_options.OutboxDirectory, zip.FileName);
            DurableFile.Sync(zip.FullPath);
            File.Move(zip.FullPath, target, overwrite: false);
            placed.Add(zip with { FullPath = target });
        }

        if (placed.Count > 0)
            DurableFile.SyncFolder(_options.OutboxDirectory);

        _completed = placed;
        _zips.Clear();
        return placed;
    }

    /// <summary>Deletes the zips not placed.</summary>
    public void Discard()
    {
        CloseZip();
        foreach (var (path, _, _) in _zips)
            File.Delete(path);
        _zips.Clear();
    }

    /// <summary>Closes open files and deletes zips that were not placed.</summary>
    public void Dispose() => Discard();

    private void OpenXmlFile()
    {
        if (_archive is not null && _xmlFilesInZip >= _options.XmlFilesPerZip)
            CloseZip();
        if (_archive is null)
        {
            var temporaryPath = Path.Combine(_options.OutboxDirectory, PackageNaming.TemporaryZipName(_options.RunName, _zips.Count + 1));
            _zipFile = new FileStream(temporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            _archive = new ZipArchive(_zipFile, ZipArchiveMode.Create, leaveOpen: false);
            _zips.Add((temporaryPath, 0, 0));
            _xmlFilesInZip = 0;
            _usersInZip = 0;
        }

        _xmlFileNumber++;
        _xmlFilesInZip++;
        // Fastest (deflate level 1) rather than Optimal (level 6): repetitive XML of users compresses almost as well at
        // level 1, which deflates much faster; the figures are in docs/benchmarks.md.
        var entry = _archive.CreateEntry(
            PackageNaming.XmlEntryName(_options.InstitutionCode, _options.Profile, _options.RunDate, _xmlFileNumber),
            CompressionLevel.Fastest);
        entry.LastWriteTime = _entryTimestamp;
        _entry = entry.Open();
        _entryLength = 0;
        if (_entryBuffer.Length == 0)
            _entryBuffer = new byte[EntryBufferSize];
        _usersInFile = 0;
    }

    private const int EntryBufferSize = 128 * 1024;

    private void CloseXmlFile()
    {
        if (_entry is null)
            return;
        Append(_schema.DocumentSuffix);
        FlushEntry();
        _entry.Dispose();
        _entry = null;
    }

    private void CloseZip()
    {
        CloseXmlFile();
        if (_archive is null)
            return;
        _archive.Dispose();
        _zipFile?.Dispose();
        _archive = null;
        _zipFile = null;
        var last = _zips.Count - 1;
        _zips[last] = (_zips[last].TemporaryPath, _usersInZip, _xmlFilesInZip);
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
