using AlmaIntegrationKit.Transfer;
using Microsoft.Extensions.Configuration;

namespace AlmaIntegrationKit.Tests.Transfer;

public sealed class TransferOptionsTests
{
    private const string Fingerprint = "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og";

    private static TransferOptions Bind(Dictionary<string, string?> values) =>
        TransferOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static string KeyFile()
    {
        var path = Path.GetTempFileName();
        return path;
    }

    [Fact]
    public void Binds_from_environment_variables()
    {
        var prefix = "ALMAKIT_" + Guid.NewGuid().ToString("N")[..6] + "_";
        var key = KeyFile();
        var vars = new Dictionary<string, string>
        {
            ["Upload__Kind"] = "ExLibrisSecureFtp",
            ["Sftp__Host"] = "sftp.example.edu",
            ["Sftp__Port"] = "2222",
            ["Sftp__Username"] = "riverside",
            ["Sftp__PrivateKeyPath"] = key,
            ["Sftp__PrivateKeyPassphrase"] = "s3cret-pass",
            ["Sftp__HostKeySha256"] = Fingerprint,
            ["Sftp__RemoteDirectory"] = "/production",
        };
        try
        {
            foreach (var (k, v) in vars)
            {
                Environment.SetEnvironmentVariable(prefix + k, v);
            }

            var options = TransferOptions.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

            Assert.Empty(options.Validate());
            Assert.Equal(UploadKind.ExLibrisSecureFtp, options.Upload.Kind);
            Assert.Equal("sftp.example.edu", options.Sftp.Host);
            Assert.Equal(2222, options.Sftp.Port);
            Assert.Equal(1_000_000_000, options.EffectiveDirectoryCapBytes);
            Assert.Equal(30, options.EffectiveRetentionDays);
            Assert.DoesNotContain("s3cret-pass", options.ToString());
            Assert.Contains("PrivateKeyPassphrase=***", options.ToString());
            Assert.Equal("sftp://riverside@sftp.example.edu:2222/production", new TransferService(options).Destination);
        }
        finally
        {
            foreach (var k in vars.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + k, null);
            }

            File.Delete(key);
        }
    }

    [Fact]
    public void Configured_cap_overrides_the_ex_libris_default()
    {
        var options = Bind(new() { ["Upload:Kind"] = "exlibrissecureftp", ["Sftp:DirectoryCapBytes"] = "4000000000", ["Sftp:RetentionDays"] = "14" });

        Assert.Equal(4_000_000_000, options.EffectiveDirectoryCapBytes);
        Assert.Equal(14, options.EffectiveRetentionDays);
    }

    [Fact]
    public void Missing_kind_says_what_to_set()
    {
        var error = Assert.Single(Bind([]).Validate());
        Assert.Contains("Upload:Kind", error);
        Assert.Contains("ExLibrisSecureFtp", error);
    }

    [Fact]
    public void Every_problem_names_its_setting()
    {
        var options = Bind(new()
        {
            ["Upload:Kind"] = "ExLibrisSecureFtp",
            ["Upload:PruneHandled"] = "true",
            ["Sftp:Port"] = "twenty-two",
            ["Sftp:Password"] = "hunter2",
            ["Sftp:PrivateKeyPath"] = "/no/such/key",
            ["Sftp:HostKeySha256"] = "MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
            ["Sftp:RemoteDirectory"] = "/incoming",
        });

        var errors = options.Validate();

        foreach (var key in new[] { "Sftp:Port", "Sftp:Host", "Sftp:Username", "Sftp:Password", "Sftp:PrivateKeyPath", "Sftp:HostKeySha256", "Sftp:RemoteDirectory", "Upload:FilePrefix" })
        {
            Assert.Contains(errors, e => e.Contains(key, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(errors, e => e.Contains("hunter2", StringComparison.Ordinal));
        var ex = Assert.Throws<TransferException>(() => new TransferService(options));
        Assert.Equal(errors, ex.ConfigurationErrors);
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.DoesNotContain("hunter2", options.ToString());
    }

    [Fact]
    public void Missing_host_key_is_refused_with_directions()
    {
        var key = KeyFile();
        try
        {
            var options = Bind(new()
            {
                ["Upload:Kind"] = "Sftp",
                ["Sftp:Host"] = "sftp.example.edu",
                ["Sftp:Username"] = "u",
                ["Sftp:PrivateKeyPath"] = key,
                ["Sftp:RemoteDirectory"] = "in",
            });

            var error = Assert.Single(options.Validate());
            Assert.Contains("Sftp:HostKeySha256", error);
            Assert.Contains("--print-host-key", error);
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Theory]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", true)]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og=", true)]
    [InlineData("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", false)]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9Wpaf", false)]
    [InlineData("SHA256:not base64!", false)]
    public void Fingerprints_are_read_as_ssh_keygen_prints_them(string text, bool ok)
    {
        Assert.Equal(ok, HostKeyFingerprint.TryParse(text, out var fp, out var error));
        if (ok)
        {
            Assert.Equal("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", fp);
        }
        else
        {
            Assert.NotNull(error);
        }
    }

    [Fact]
    public void Secrets_never_appear_in_to_string()
    {
        var sftp = new SftpOptions { Password = "pw-123", PrivateKeyPassphrase = "pp-456" };
        Assert.DoesNotContain("pw-123", sftp.ToString());
        Assert.DoesNotContain("pp-456", sftp.ToString());
        Assert.DoesNotContain("pw-123", new TransferOptions { Sftp = sftp }.ToString());
    }
}
