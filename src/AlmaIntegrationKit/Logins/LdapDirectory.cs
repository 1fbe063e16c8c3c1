using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;

namespace AlmaIntegrationKit.Logins;

/// <summary>
/// A connection to the campus directory as the service account (simple bind over LDAPS or StartTLS), and paged
/// searches on it. Every failure is a <see cref="LoginCheckException"/> that names the setting to fix; none holds the
/// password. <see cref="RoundTrips"/> counts the requests sent, pages included.
/// </summary>
internal sealed partial class LdapDirectory : IDisposable
{
    private const int InvalidCredentials = 49;
    private const int ServerDown = 81;
    private const int TimedOut = 85;
    private const int ConnectError = 91;
    private const int FilterErrorWindows = 87;
    private const int FilterErrorOpenLdap = -7;

    private readonly LdapConnection _connection;
    private readonly string? _trustFolder;
    private bool _open;
    private long _roundTrips;
    private long _helperRoundTrips;

    private LdapDirectory(LdapSettings settings, LdapConnection connection, string? trustFolder)
    {
        Settings = settings;
        _connection = connection;
        _trustFolder = trustFolder;
    }

    /// <summary>The settings this connection was made with.</summary>
    public LdapSettings Settings { get; }

    /// <summary>The LDAP requests sent so far (StartTLS, bind, each page of each search), by the connections a lookup opened besides this one too.</summary>
    public long RoundTrips => _roundTrips + Interlocked.Read(ref _helperRoundTrips);

    /// <summary>Connects, upgrades to TLS when configured, binds as the service account and checks that the base DN exists.</summary>
    /// <exception cref="LoginCheckException">Any of these failed; the message says which and what to do.</exception>
    public static LdapDirectory Connect(LdapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckReachable(settings);
        var trustFolder = TrustFolder(settings);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(settings.Url.Host, settings.Port),
            new NetworkCredential(settings.BindDn, settings.Password), AuthType.Basic)
        {
            AutoBind = false,
            Timeout = settings.SearchTimeout,
        };
        var directory = new LdapDirectory(settings, connection, trustFolder);
        try
        {
            directory.Open();
            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Every entry under the base DN that <paramref name="filter"/> matches, with <paramref name="attributes"/>, page by page.</summary>
    public IEnumerable<SearchResultEntry> Search(string filter, params string[] attributes)
    {
        var request = new SearchRequest(Settings.BaseDn, filter, SearchScope.Subtree, attributes.Length == 0 ? ["1.1"] : attributes)
        {
            TimeLimit = Settings.SearchTimeout,
        };
        var paging = new PageResultRequestControl(Settings.PageSize) { IsCritical = false };
        request.Controls.Add(paging);
        while (true)
        {
            var response = (SearchResponse)Send(request, "search");
            foreach (SearchResultEntry entry in response.Entries)
                yield return entry;
            var page = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault();
            if (page is null || page.Cookie.Length == 0)
                yield break;
            paging.Cookie = page.Cookie;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        if (_trustFolder is not null)
        {
            try
            {
                Directory.Delete(_trustFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Open()
    {
        var options = _connection.SessionOptions;
        options.ProtocolVersion = 3;
        options.ReferralChasing = ReferralChasingOptions.None;
        if (_trustFolder is not null)
        {
            if (OperatingSystem.IsWindows())
                throw new LoginCheckException("Ldap:CaCertificate works with the OpenLDAP client library (Linux, macOS); on Windows, import the certificate into the machine's Trusted Root store instead and remove the setting.");
            options.TrustedCertificatesDirectory = _trustFolder;
            options.StartNewTlsSessionContext();
        }

        if (Settings.IsLdaps)
            options.SecureSocketLayer = true;
        try
        {
            if (Settings.StartTls)
            {
                // The OpenLDAP client only learns the server's address when the first request is sent; StartTLS
                // sent before that goes to the library's default host. An anonymous read of the root DSE opens the
                // connection without sending anything secret; whether the server answers it does not matter.
                _roundTrips++;
                try
                {
                    _connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1"));
                }
                catch (DirectoryOperationException)
                {
                }

                _roundTrips++;
                options.StartTransportLayerSecurity(null);
            }

            _roundTrips++;
            _connection.Bind();
        }
        catch (LdapException exception)
        {
            throw Explain(exception, "bind");
        }

        // A base DN that does not exist fails here, once, rather than on every search.
        _ = Send(new SearchRequest(Settings.BaseDn, "(objectClass=*)", SearchScope.Base, "1.1"), "check of Ldap:BaseDn");
        _open = true;
    }

    private DirectoryResponse Send(DirectoryRequest request, string what)
    {
        _roundTrips++;
        try
        {
            return _connection.SendRequest(request);
        }
        catch (LdapException exception) when (exception.ErrorCode is FilterErrorOpenLdap or FilterErrorWindows)
        {
            throw new LoginCheckException(
                $"The filter {Shorten((request as SearchRequest)?.Filter as string)} is not valid LDAP; check Ldap:UserFilter '{Settings.UserFilter}' and Ldap:DisabledFilter '{Settings.DisabledFilter}'.", exception);
        }
        catch (LdapException exception)
        {
            throw Explain(exception, what);
        }
        catch (DirectoryOperationException exception)
        {
            var filter = (request as SearchRequest)?.Filter as string;
            throw exception.Response?.ResultCode switch
            {
                ResultCode.NoSuchObject => new LoginCheckException($"Ldap:BaseDn '{Settings.BaseDn}' does not exist on {Settings.Url}; set the DN people are searched under (ask campus IT).", exception),
                ResultCode.ProtocolError or ResultCode.UndefinedAttributeType or ResultCode.InappropriateMatching => new LoginCheckException(
                    $"{Settings.Url} refused the filter {Shorten(filter)} ({exception.Message}); check Ldap:UserFilter '{Settings.UserFilter}' and Ldap:DisabledFilter '{Settings.DisabledFilter}'.", exception),
                ResultCode.InsufficientAccessRights => new LoginCheckException(
                    $"{Settings.Url} did not let Ldap:BindDn '{Settings.BindDn}' search {Settings.BaseDn}; ask campus IT for read access to the people entries.", exception),
                ResultCode.TimeLimitExceeded => new LoginCheckException(
                    $"{Settings.Url} did not finish a search within Ldap:SearchTimeoutSeconds ({Settings.SearchTimeout.TotalSeconds:0} s); raise it, or lower Ldap:BatchSize.", exception),
                _ => new LoginCheckException($"{Settings.Url} answered the {what} with {exception.Response?.ResultCode}: {exception.Message}", exception),
            };
        }
    }

    private LoginCheckException Explain(LdapException exception, string what) => exception.ErrorCode switch
    {
        InvalidCredentials => new LoginCheckException(
            $"{Settings.Url} refused the service account Ldap:BindDn '{Settings.BindDn}': wrong DN or password. Check Ldap:BindDn, and Ldap:Password in user secrets or the environment.", exception),
        ServerDown or ConnectError when Settings.UsesTls && !_open => new LoginCheckException(
            $"The TLS connection to {Settings.Url} failed ({(Settings.StartTls ? "StartTLS" : "LDAPS")}): the server's certificate is not trusted or does not name {Settings.Url.Host}. " +
            "Set Ldap:CaCertificate to the PEM file of the directory's certificate or of its CA, and use the host name the certificate names in Ldap:Url.", exception),
        ServerDown or ConnectError => new LoginCheckException(
            $"{Settings.Url} cannot be reached or does not speak LDAP ({exception.Message}); check Ldap:Url (ldap://host:389, ldaps://host:636) and that the server is up.", exception),
        TimedOut => new LoginCheckException(
            $"{Settings.Url} did not answer the {what} within Ldap:SearchTimeoutSeconds ({Settings.SearchTimeout.TotalSeconds:0} s); check the server, or raise the timeout.", exception),
        _ => new LoginCheckException($"{Settings.Url} failed the {what}: {exception.Message} (LDAP code {exception.ErrorCode}).", exception),
    };

    private static void CheckReachable(LdapSettings settings)
    {
        using var client = new TcpClient();
        try
        {
            if (!client.ConnectAsync(settings.Url.Host, settings.Port).Wait(settings.ConnectTimeout))
                throw new LoginCheckException($"{settings.Url.Host}:{settings.Port} (Ldap:Url) did not answer within Ldap:ConnectTimeoutSeconds ({settings.ConnectTimeout.TotalSeconds:0} s); check the address, the port and the firewall.");
        }
        catch (AggregateException exception) when (exception.InnerException is SocketException socket)
        {
            throw new LoginCheckException($"{settings.Url.Host}:{settings.Port} (Ldap:Url) cannot be reached: {socket.Message}. Check the address and the port, and that the directory server is up.", socket);
        }
    }

    /// <summary>A private folder holding the certificate of <see cref="LdapSettings.CaCertificate"/> (or that folder itself), for the OpenLDAP client.</summary>
    private static string? TrustFolder(LdapSettings settings)
    {
        if (settings.CaCertificate is not { } path)
            return null;
        var folder = Path.Combine(Path.GetTempPath(), "alma-ldap-ca-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(path, Path.Combine(folder, "ca.pem"));
        if (OpenSslSubjectHash.Of(path) is { } hash)
            File.Copy(path, Path.Combine(folder, hash + ".0")); // OpenSSL builds of the client find CAs by this name; GnuTLS builds read every file
        return folder;
    }

    private static string Shorten(string? filter) => filter is null ? "" : filter.Length <= 120 ? filter : filter[..117] + "...";
}
