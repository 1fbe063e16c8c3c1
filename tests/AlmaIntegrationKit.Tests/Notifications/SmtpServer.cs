using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace AlmaIntegrationKit.Tests.Notifications;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>) delivering into a Maildir the
/// test reads. With <c>startTls</c> it offers STARTTLS with a self-signed certificate made by openssl for 127.0.0.1,
/// and requires it before accepting mail.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    /// <summary>The system Python, which has Debian's python3-aiosmtpd (a pyenv shim on PATH may not).</summary>
    public const string Python = "/usr/bin/python3";

    private readonly StringBuilder _output = new();
    private readonly Process _server;

    public SmtpServer(bool startTls = false)
    {
        Root = Path.Combine(Path.GetTempPath(), "alma-smtp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        Maildir = Path.Combine(Root, "mail");
        CertificatePath = Path.Combine(Root, "cert.pem");
        Port = Loopback.FreePort();

        var arguments = new List<string> { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}" };
        if (startTls)
        {
            var key = Path.Combine(Root, "key.pem");
            Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", CertificatePath, "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
            arguments.AddRange(["--tlscert", CertificatePath, "--tlskey", key]);
        }

        arguments.AddRange(["-c", "aiosmtpd.handlers.Mailbox", Maildir]);
        _server = Start(Python, arguments);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Loopback.Listening(Port))
        {
            if (_server.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"aiosmtpd did not start (exited: {_server.HasExited}): {Output}");
            Thread.Sleep(50);
        }
    }

    public string Root { get; }

    public string Maildir { get; }

    public int Port { get; }

    /// <summary>The server's certificate (with <c>startTls</c>), for <c>Notify:Smtp:TrustedCertificate</c>.</summary>
    public string CertificatePath { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The messages delivered so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>A port nothing listens on: a mail server that is down.</summary>

    public void Dispose()
    {
        try
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
                _server.WaitForExit();
            }
        }
        finally
        {
            _server.Dispose();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed: {error.Result}");
    }
}
