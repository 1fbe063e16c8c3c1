using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AlmaIntegrationKit.Logins;

/// <summary>
/// The name OpenSSL looks a CA certificate up by in a certificate folder (<c>openssl x509 -hash</c>): the first four
/// bytes, little-endian, of the SHA-1 of the subject's canonical encoding (every string value as UTF-8, trimmed, inner
/// white space collapsed, ASCII lower-cased; the RDN sets concatenated without the outer sequence).
/// </summary>
internal static class OpenSslSubjectHash
{
    /// <summary>The eight hex digits for the certificate in the PEM file <paramref name="path"/>, or null when it cannot be read.</summary>
    public static string? Of(string path)
    {
        try
        {
            using var certificate = new X509Certificate2(path);
            return Of(certificate.SubjectName);
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The eight hex digits for <paramref name="subject"/>.</summary>
    public static string Of(X500DistinguishedName subject)
    {
        var canonical = new AsnWriter(AsnEncodingRules.DER);
        var name = new AsnReader(subject.RawData, AsnEncodingRules.DER).ReadSequence();
        while (name.HasData)
        {
            var rdn = name.ReadSetOf();
            using (canonical.PushSetOf())
            {
                while (rdn.HasData)
                {
                    var attribute = rdn.ReadSequence();
                    using (canonical.PushSequence())
                    {
                        canonical.WriteObjectIdentifier(attribute.ReadObjectIdentifier());
                        var tag = attribute.PeekTag();
                        if (tag.TagClass == TagClass.Universal && IsString((UniversalTagNumber)tag.TagValue))
                            canonical.WriteCharacterString(UniversalTagNumber.UTF8String, Canonical(attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue)));
                        else
                            canonical.WriteEncodedValue(attribute.ReadEncodedValue().Span);
                    }
                }
            }
        }

        // The canonical form is the sequence's content: each RDN set, one after the other.
        var encoded = canonical.Encode();
        var digest = SHA1.HashData(encoded);
        return ((uint)(digest[0] | digest[1] << 8 | digest[2] << 16 | digest[3] << 24)).ToString("x8", CultureInfo.InvariantCulture);
    }

    private static bool IsString(UniversalTagNumber tag) => tag is UniversalTagNumber.PrintableString or UniversalTagNumber.UTF8String
        or UniversalTagNumber.IA5String or UniversalTagNumber.T61String or UniversalTagNumber.BMPString or UniversalTagNumber.UniversalString
        or UniversalTagNumber.VisibleString;

    private static string Canonical(string value)
    {
        var text = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
                text.Append(' ');
            space = false;
            text.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }

        return text.ToString();
    }
}
