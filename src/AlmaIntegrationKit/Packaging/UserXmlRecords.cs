using System.Buffers;
using System.Runtime.CompilerServices;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Writes each user's record once and gives both what a delta run compares (the fingerprint of the user's one-user
/// document) and the record's bytes, so that the zip gets the same bytes without the user being written a second
/// time. Not thread-safe; one per thread.
/// </summary>
/// <remarks>
/// The record is written between the schema's <see cref="IAlmaSchema{TUser}.DocumentPrefix"/> and
/// <see cref="IAlmaSchema{TUser}.DocumentSuffix"/>, so the buffer holds the one-user document whose hash the state has
/// always kept as the fingerprint, and the record is the part of it between the two.
/// </remarks>
/// <typeparam name="TUser">The generated user type.</typeparam>
internal sealed class UserXmlRecords<TUser>(IAlmaSchema<TUser> schema)
    where TUser : class, IAlmaUser
{
    private readonly ArrayBufferWriter<byte> _document = new(16 * 1024);

    /// <summary>
    /// Writes <paramref name="user"/>; false when a value holds a character XML cannot carry (the reasons are added
    /// to <paramref name="issues"/>). On success <paramref name="record"/> is the user's record bytes, valid until the
    /// next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryWrite(TUser user, ICollection<ValidationIssue> issues, out ReadOnlySpan<byte> record)
    {
        record = default;
        _document.ResetWrittenCount();
        var prefix = schema.DocumentPrefix;
        _document.Write(prefix);
        if (!schema.TryWriteRecord(user, _document, issues))
            return false;
        var recordLength = _document.WrittenCount - prefix.Length;
        _document.Write(schema.DocumentSuffix);
        record = _document.WrittenSpan.Slice(prefix.Length, recordLength);
        return true;
    }

    /// <summary>The <see cref="UserFingerprint"/> of the last user written (of its one-user document).</summary>
    public byte[] Fingerprint() => UserFingerprint.Of(_document.WrittenSpan);
}
