using System.Net;
using System.Net.Sockets;

namespace AlmaIntegrationKit.Tests.Logins;

/// <summary>
/// A loopback TCP proxy in front of a server that lets one session through at a time, as a directory that limits the
/// connections of an account does: a connection that sends something while another session is open is closed at once.
/// A connection that sends nothing (a reachability check) passes.
/// </summary>
internal sealed class OneSessionProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private int _sessions;
    private int _refused;

    public OneSessionProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    /// <summary>The proxy's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Sessions closed because another one was open.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void Dispose() => _listener.Stop();

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return; // stopped
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var first = new byte[1 << 16];
            int read;
            try
            {
                read = await stream.ReadAsync(first);
            }
            catch (IOException)
            {
                return;
            }

            if (read == 0)
                return;
            if (Interlocked.Increment(ref _sessions) > 1)
            {
                Interlocked.Decrement(ref _sessions);
                Interlocked.Increment(ref _refused);
                return;
            }

            try
            {
                using var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _target);
                var upstream = server.GetStream();
                await upstream.WriteAsync(first.AsMemory(0, read));
                await Task.WhenAny(stream.CopyToAsync(upstream), upstream.CopyToAsync(stream));
            }
            catch (IOException)
            {
                // either side went away
            }
            finally
            {
                Interlocked.Decrement(ref _sessions);
            }
        }
    }
}
