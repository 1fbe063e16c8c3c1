namespace AlmaIntegrationKit.Transfer;

/// <summary>Forward-slash paths on the SFTP server.</summary>
internal static class RemotePath
{
    public static string Combine(string directory, string name) =>
        directory.Length == 0 ? name : directory.EndsWith('/') ? directory + name : directory + "/" + name;

    public static string LastSegment(string directory)
    {
        var trimmed = directory.TrimEnd('/');
        var i = trimmed.LastIndexOf('/');
        return i < 0 ? trimmed : trimmed[(i + 1)..];
    }

    /// <summary>The parent of a directory: "/a/b" -> "/a", "/a" -> "/", "a" -> ".".</summary>
    public static string Parent(string directory)
    {
        var trimmed = directory.TrimEnd('/');
        var i = trimmed.LastIndexOf('/');
        return i < 0 ? "." : i == 0 ? "/" : trimmed[..i];
    }
}
