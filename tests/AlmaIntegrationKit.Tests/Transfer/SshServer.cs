using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AlmaIntegrationKit.Transfer;

namespace AlmaIntegrationKit.Tests.Transfer;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 in a temp directory: its own host key, a passphrase-protected user key in
/// authorized_keys, internal-sftp, key auth only. It listens on two ports: <see cref="Port"/> read-write and
/// <see cref="ReadOnlyPort"/> where every session is forced to <c>internal-sftp -R</c> (read-only, which holds
/// even for root). It can be killed (with its session processes) and started again on the same ports.
/// </summary>
public sealed class SshServer : IDisposable
{
    public const string Sshd = "/usr/sbin/sshd";
    public const string UserKeyPassphrase = "correct horse battery staple";

    private readonly StringBuilder _stderr = new();
    private Process? _sshd;

    public SshServer()
    {
        Root = Path.Combine(Path.GetTempPath(), "alma-sshd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        Files = Path.Combine(Root, "files");
        Directory.CreateDirectory(Files);
        Directory.CreateDirectory("/run/sshd"); // OpenSSH's privilege separation directory; Debian's init makes it.

        HostKeyPath = Path.Combine(Root, "host_ed25519");
        UserKeyPath = Path.Combine(Root, "user_ed25519");
        OtherUserKeyPath = Path.Combine(Root, "stranger_ed25519");
        KeyGen(HostKeyPath, "");
        KeyGen(UserKeyPath, UserKeyPassphrase);
        KeyGen(OtherUserKeyPath, "");
        File.Copy(UserKeyPath + ".pub", Path.Combine(Root, "authorized_keys"));
        var printed = Run("ssh-keygen", "-l", "-E", "sha256", "-f", HostKeyPath + ".pub");
        HostKeySha256 = printed.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

        Port = Loopback.FreePort();
        ReadOnlyPort = Loopback.FreePort();
        ConfigPath = Path.Combine(Root, "sshd_config");
        File.WriteAllText(ConfigPath, $"""
            Port {Port}
            Port {ReadOnlyPort}
            ListenAddress 127.0.0.1
            HostKey {HostKeyPath}
            PidFile {Path.Combine(Root, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(Root, "authorized_keys")}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            MaxStartups 50
            LogLevel ERROR
            Subsystem sftp internal-sftp
            Match LocalPort {ReadOnlyPort}
                ForceCommand internal-sftp -R

            """);
        Start();
    }

    public string Root { get; }

    /// <summary>A directory the tests upload into (each test makes its own subdirectory).</summary>
    public string Files { get; }

    public string ConfigPath { get; }

    public string HostKeyPath { get; }

    public string UserKeyPath { get; }

    public string OtherUserKeyPath { get; }

    /// <summary>The host key fingerprint as ssh-keygen -l prints it.</summary>
    public string HostKeySha256 { get; }

    public int Port { get; }

    public int ReadOnlyPort { get; }

    public string User => Environment.UserName;

    public void Start()
    {
        if (_sshd is { HasExited: false })
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.Clear();
        }

        var psi = new ProcessStartInfo(Sshd)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-D", "-e", "-f", ConfigPath })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        _sshd = p;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(Loopback.Listening(Port) && Loopback.Listening(ReadOnlyPort)))
        {
            if (p.HasExited || DateTime.UtcNow > deadline)
            {
                string err;
                lock (_stderr)
                {
                    err = _stderr.ToString();
                }

                throw new InvalidOperationException($"sshd did not start (exited: {p.HasExited}): {err}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Kills sshd and every session process it forked, as a crash or a pulled cable would: the whole tree is frozen
    /// (SIGSTOP) first, so that no process escapes by being reparented, then killed (SIGKILL).
    /// </summary>
    public void Kill()
    {
        var p = _sshd;
        if (p is null)
        {
            return;
        }

        var frozen = new HashSet<int>();
        while (true)
        {
            var tree = Tree(p.Id);
            tree.ExceptWith(frozen);
            if (tree.Count == 0)
            {
                break;
            }

            foreach (var pid in tree)
            {
                _ = SysKill(pid, SigStop);
                frozen.Add(pid);
            }
        }

        foreach (var pid in frozen)
        {
            _ = SysKill(pid, SigKill);
        }

        p.WaitForExit();
        p.Dispose();
        _sshd = null;
    }

    /// <summary>
    /// Kills the session processes sshd forked (one per connection), as a connection dropped by the server would, and
    /// leaves sshd listening for the next one. Frozen first, as in <see cref="Kill"/>.
    /// </summary>
    public void KillSessions()
    {
        var p = _sshd ?? throw new InvalidOperationException("sshd is not running.");
        var frozen = new HashSet<int>();
        while (true)
        {
            var sessions = Tree(p.Id);
            sessions.Remove(p.Id);
            sessions.ExceptWith(frozen);
            if (sessions.Count == 0)
            {
                break;
            }

            foreach (var pid in sessions)
            {
                _ = SysKill(pid, SigStop);
                frozen.Add(pid);
            }
        }

        foreach (var pid in frozen)
        {
            _ = SysKill(pid, SigKill);
        }
    }

    private const int SigKill = 9;
    private const int SigStop = 19;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    /// <summary>A process and all its descendants, from /proc.</summary>
    private static HashSet<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var tree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, ppid) in parents)
            {
                if (tree.Contains(ppid) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);
        return tree;
    }

    /// <summary>Options for the read-write port, uploading into a fresh subdirectory of <see cref="Files"/>.</summary>
    internal TransferOptions Options(string remoteDirectory, UploadKind kind = UploadKind.Sftp) => new()
    {
        Upload = new UploadOptions { Kind = kind, FilePrefix = "college_", MaxAttempts = 3, RetryDelaySeconds = 0.05 },
        Sftp = new SftpOptions
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = User,
            PrivateKeyPath = UserKeyPath,
            PrivateKeyPassphrase = UserKeyPassphrase,
            HostKeySha256 = HostKeySha256,
            RemoteDirectory = remoteDirectory,
            ConnectTimeoutSeconds = 10,
            OperationTimeoutSeconds = 30,
        },
    };

    /// <summary>A new empty directory on the server (the server's files are local, so tests look at them directly).</summary>
    public string NewRemoteDirectory(string? under = null)
    {
        var dir = Path.Combine(under ?? Files, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }



    private static void KeyGen(string path, string passphrase) =>
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "alma-kit-test", "-f", path);

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {stderr.Result}");
        }

        return stdout.Result;
    }
}

[CollectionDefinition(Name)]
public sealed class SshServerCollection : ICollectionFixture<SshServer>
{
    public const string Name = "sshd";
}
