using System.Net;
using System.Net.Sockets;

namespace AlmaIntegrationKit.Tests;

/// <summary>The loopback ports the tests' own servers (sshd, slapd, aiosmtpd, HTTP listeners) run on.</summary>
internal static class Loopback
{
    /// <summary>A port of 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Whether a server accepts connections on <paramref name="port"/> of 127.0.0.1.</summary>
    public static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
