using System.Runtime.CompilerServices;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Writes each user once, as the one-user <c>&lt;users&gt;</c> document the generated writer makes for it, and gives
/// both what a delta run compares (the fingerprint of that document, as before) and the bytes of the user's record, so
/// that the zip gets the same bytes without the user being written a second time. Not thread-safe; one per thread.
/// </summary>
/// <remarks>
/// The generated writer frames a document as a fixed prefix (the XML declaration and the root start tag), the
/// records, and a fixed suffix (the root end tag); a record's bytes do not depend on the records around it. The
/// frame is learnt from the writer itself (an empty document and the first one-user document), and every document
/// is checked against it, so a writer that framed differently would fail loudly rather than produce other bytes.
/// A zip entry is then the prefix, the records and the suffix: byte for byte what the writer would have written.
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class UserXmlRecords<TUser>(IAlmaSchema<TUser> schema)
    where TUser : class, IAlmaUser
{
    private readonly MemoryStream _buffer = new();
    private int _prefixLength = -1;

    /// <summary>The bytes that open a document (set once a user was written; never changed after).</summary>
    public byte[] Prefix { get; private set; } = [];

    /// <summary>The bytes that close a document (set once a user was written; never changed after).</summary>
    public byte[] Suffix { get; private set; } = [];

    /// <summary>
    /// Writes <paramref name="user"/>; false when a value holds a character XML cannot carry (the reasons are added
    /// to <paramref name="issues"/>). On success <paramref name="record"/> is the user's record bytes, valid until the
    /// next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryWrite(TUser user, ICollection<ValidationIssue> issues, out ReadOnlySpan<byte> record)
    {
        record = default;
        _buffer.SetLength(0);
        using (var writer = schema.CreateWriter(_buffer, leaveOpen: true))
        {
            if (!writer.TryWrite(user, issues))
                return false;
            writer.Complete();
        }

        var document = _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
        if (_prefixLength < 0)
            LearnFrame(document);
        var suffixLength = Suffix.Length;
        if (document.Length < _prefixLength + suffixLength || !document.StartsWith(Prefix) || !document.EndsWith(Suffix))
            throw new InvalidOperationException("The generated writer framed a one-user document differently from the others; its records cannot be joined.");
        record = document[_prefixLength..^suffixLength];
        return true;
    }

    /// <summary>The <see cref="UserFingerprint"/> of the last user written (of its one-user document).</summary>
    public byte[] Fingerprint() => UserFingerprint.Of(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));

    private void LearnFrame(ReadOnlySpan<byte> document)
    {
        using var empty = new MemoryStream();
        using (var writer = schema.CreateWriter(empty, leaveOpen: true))
            writer.Complete();
        var frame = empty.ToArray();
        // The root's end tag and what follows it close every document; the rest of an empty one opens it. A record is
        // then exactly what stands between, one <user> element (with the white space before it).
        var suffixStart = frame.AsSpan().LastIndexOf("</"u8);
        if (suffixStart < 0)
            throw new InvalidOperationException("The generated writer wrote an empty document without an end tag; its records cannot be joined.");
        _prefixLength = suffixStart;
        Prefix = frame[..suffixStart];
        Suffix = frame[suffixStart..];
    }
}
