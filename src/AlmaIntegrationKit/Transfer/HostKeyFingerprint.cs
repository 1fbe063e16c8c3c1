namespace AlmaIntegrationKit.Transfer;

/// <summary>
/// SHA-256 host key fingerprints in the form <c>ssh-keygen -l</c> prints them: <c>SHA256:</c> followed by
/// unpadded base64 of the 32-byte digest.
/// </summary>
internal static class HostKeyFingerprint
{
    private const string Prefix = "SHA256:";

    /// <summary>Formats the unpadded base64 digest SSH.NET reports as <c>SHA256:...</c>.</summary>
    public static string Format(string unpaddedBase64) =>
        Prefix + unpaddedBase64.Trim().TrimEnd('=');

    /// <summary>
    /// Parses one or more fingerprints separated by commas, semicolons or white space (several are allowed so
    /// that a host key rotation can be configured ahead). Returns the unpadded base64 parts, or an error.
    /// </summary>
    public static bool TryParseList(string? text, out IReadOnlyList<string> fingerprints, out string? error)
    {
        fingerprints = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no fingerprint is configured";
            return false;
        }

        var list = new List<string>();
        foreach (var raw in text.Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(raw, out var fingerprint, out error))
            {
                return false;
            }

            list.Add(fingerprint);
        }

        fingerprints = list;
        return true;
    }

    /// <summary>Parses one fingerprint; returns its unpadded base64 digest.</summary>
    public static bool TryParse(string text, out string fingerprint, out string? error)
    {
        fingerprint = "";
        error = null;
        var value = text.Trim();
        if (value.StartsWith("MD5:", StringComparison.OrdinalIgnoreCase) || (value.Length == 47 && value.Count(c => c == ':') == 15))
        {
            error = $"'{value}' is an MD5 fingerprint; give the SHA256 one (ssh-keygen -l -E sha256 prints it)";
            return false;
        }

        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{value}' does not start with 'SHA256:'; copy the whole fingerprint as ssh-keygen -l prints it, e.g. SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og";
            return false;
        }

        var body = value[Prefix.Length..].TrimEnd('=');
        var padded = body + new string('=', (4 - (body.Length % 4)) % 4);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            error = $"'{value}' is not valid base64 after 'SHA256:'";
            return false;
        }

        if (bytes.Length != 32)
        {
            error = $"'{value}' holds {bytes.Length} bytes, a SHA256 fingerprint holds 32; was it cut short when copied?";
            return false;
        }

        fingerprint = body;
        return true;
    }
}
