using System.Text;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>A folder under the system temp folder that a test writes its files into, deleted afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alma-sources-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> as UTF-8, with a byte order mark when asked, exactly as given (no line-end translation).</summary>
    public string Write(string name, string text, bool byteOrderMark = false)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open in a pool on some platforms; the temp folder is cleaned eventually.
        }
    }
}
