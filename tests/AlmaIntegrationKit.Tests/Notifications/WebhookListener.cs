using System.Net;
using System.Text;
using System.Text.Json;

namespace AlmaIntegrationKit.Tests.Notifications;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) standing in for a Teams or Slack incoming webhook: it keeps the
/// JSON bodies POSTed to <see cref="Url"/> and answers <see cref="Status"/>.
/// </summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonDocument> _received = [];
    private readonly Task _loop;

    public WebhookListener()
    {
        var port = Loopback.FreePort();
        // The path stands for the key an incoming webhook's URL carries.
        Url = new Uri($"http://127.0.0.1:{port}/hooks/T000-secret-key/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public IReadOnlyList<JsonDocument> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait();
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                if (context.Request.HttpMethod == "POST" && context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
                {
                    lock (_received)
                        _received.Add(JsonDocument.Parse(body));
                }
            }

            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }
}
