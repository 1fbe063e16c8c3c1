using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AlmaIntegrationKit.Logins;

namespace AlmaIntegrationKit.Tests.Logins;

/// <summary>
/// A real OpenLDAP slapd on 127.0.0.1 in a temp folder: a throwaway slapd.conf (mdb backend), seeded by slapadd, a
/// self-signed certificate made with openssl for StartTLS and LDAPS, and a read-only service account. It listens on
/// free ports of its own, so a system slapd on 389 (which the Debian package may start) is neither used nor in the way.
/// </summary>
public sealed class SlapdServer : IDisposable
{
    public const string Slapd = "/usr/sbin/slapd";
    public const string Suffix = "dc=example,dc=edu";
    public const string PeopleDn = "ou=people," + Suffix;
    public const string ReaderDn = "cn=reader," + Suffix;
    public const string ReaderPassword = "Rd-s3cret-pw";

    private readonly StringBuilder _stderr = new();
    private Process? _slapd;

    /// <summary>Makes the folder, the certificate and the configuration, loads <paramref name="people"/> and starts slapd.</summary>
    /// <param name="people">The people under <see cref="PeopleDn"/>.</param>
    /// <param name="sizeLimit">slapd's size limit for one search (paged searches go past it page by page).</param>
    public SlapdServer(IEnumerable<Person> people, int sizeLimit = 500)
    {
        Root = Path.Combine(Path.GetTempPath(), "alma-slapd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "db"));
        CertificatePath = Path.Combine(Root, "server.crt");
        var key = Path.Combine(Root, "server.key");
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", CertificatePath, "-days", "2",
            "-subj", "/CN=127.0.0.1/O=Alma Kit Test", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        Port = Loopback.FreePort();
        LdapsPort = Loopback.FreePort();
        ConfigPath = Path.Combine(Root, "slapd.conf");
        File.WriteAllText(ConfigPath, $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            include /etc/ldap/schema/nis.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile {Root}/slapd.pid
            argsfile {Root}/slapd.args
            TLSCertificateFile {CertificatePath}
            TLSCertificateKeyFile {key}
            sizelimit {sizeLimit}
            access to attrs=userPassword by anonymous auth by * none
            access to * by users read by * none
            database mdb
            maxsize 2147483648
            suffix "{Suffix}"
            rootdn "cn=admin,{Suffix}"
            directory {Root}/db
            index objectClass eq
            index uid eq
            index employeeType eq

            """);
        var ldif = Path.Combine(Root, "seed.ldif");
        using (var writer = new StreamWriter(ldif, append: false, new UTF8Encoding(false)))
        {
            writer.Write($"""
                dn: {Suffix}
                objectClass: dcObject
                objectClass: organization
                o: Example
                dc: example

                dn: {PeopleDn}
                objectClass: organizationalUnit
                ou: people

                dn: ou=staff,{Suffix}
                objectClass: organizationalUnit
                ou: staff

                dn: {ReaderDn}
                objectClass: person
                cn: reader
                sn: reader
                userPassword: {ReaderPassword}


                """);
            foreach (var person in people)
                writer.Write(person.Ldif());
        }

        Run("/usr/sbin/slapadd", "-q", "-f", ConfigPath, "-l", ldif);
        Start();
    }

    public string Root { get; }

    public string ConfigPath { get; }

    /// <summary>The PEM file of the server's self-signed certificate.</summary>
    public string CertificatePath { get; }

    /// <summary>The ldap:// port (plain and StartTLS).</summary>
    public int Port { get; }

    /// <summary>The ldaps:// port.</summary>
    public int LdapsPort { get; }

    /// <summary>A person entry: uid under <see cref="PeopleDn"/> (or another OU), optionally disabled (<c>employeeType: disabled</c>).</summary>
    public sealed record Person(string Uid, string? Ou = null, bool Disabled = false)
    {
        public string Dn => $"uid={DnValue(Uid)},{(Ou is null ? PeopleDn : $"ou={Ou},{Suffix}")}";

        public string Ldif() => $"dn:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Dn))}\nobjectClass: inetOrgPerson\nuid:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Uid))}\ncn:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Uid))}\nsn: Test\n{(Disabled ? "employeeType: disabled\n" : "")}\n";

        // RFC 4514: the characters a DN value escapes with a backslash.
        private static string DnValue(string value) => string.Concat(value.Select(c => "\\,+\"<>;=#".Contains(c) ? "\\" + c : c.ToString()));
    }

    /// <summary>
    /// Settings for this server as the service account; <paramref name="tls"/> picks plain, StartTLS or LDAPS;
    /// <paramref name="viaPort"/> reaches the plain port through something else listening there (a proxy).
    /// </summary>
    internal LdapSettings Settings(string tls = "plain", bool trust = true, string? disabledFilter = null, int batchSize = LdapSettings.DefaultBatchSize,
        int pageSize = LdapSettings.DefaultPageSize, string? password = null, int connections = LdapSettings.DefaultConnections, string baseDn = Suffix,
        string filter = LdapFilter.DefaultTemplate, int? viaPort = null) => new()
    {
        Url = new Uri(tls == "ldaps" ? $"ldaps://127.0.0.1:{LdapsPort}" : $"ldap://127.0.0.1:{viaPort ?? Port}"),
        BindDn = ReaderDn,
        Password = password ?? ReaderPassword,
        BaseDn = baseDn,
        UserFilter = LdapFilter.Parse(filter),
        StartTls = tls == "starttls",
        CaCertificate = tls != "plain" && trust ? CertificatePath : null,
        DisabledFilter = disabledFilter,
        BatchSize = batchSize,
        PageSize = pageSize,
        Connections = connections,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        SearchTimeout = TimeSpan.FromSeconds(60),
    };

    public void Start()
    {
        if (_slapd is { HasExited: false })
            return;
        var psi = new ProcessStartInfo(Slapd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-d", "0", "-f", ConfigPath, "-h", $"ldap://127.0.0.1:{Port}/ ldaps://127.0.0.1:{LdapsPort}/" })
            psi.ArgumentList.Add(argument);
        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _slapd = process;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(Loopback.Listening(Port) && Loopback.Listening(LdapsPort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                lock (_stderr)
                    throw new InvalidOperationException($"slapd did not start (exited: {process.HasExited}): {_stderr}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Stops slapd (the ports stop answering).</summary>
    public void Stop()
    {
        if (_slapd is not { } process)
            return;
        if (!process.HasExited)
            process.Kill();
        process.WaitForExit();
        process.Dispose();
        _slapd = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }



    internal static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args)
            psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {errors.Result}");
        return output;
    }
}
