using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Tests.AlmaApi;

/// <summary>
/// A real HTTP server (Kestrel, in this process) on a free port of 127.0.0.1 standing in for Alma's API gateway: it
/// answers each path under <c>/almaws/v1/</c> with the responses a test queued (the last one repeats), replaying the
/// fixture files, and records every request. Stopped when disposed.
/// </summary>
internal sealed class AlmaTestServer : IAsyncDisposable
{
    public const string ApiKey = "l8xx-test-key-0123456789";

    /// <summary>The SIS integration profile's job the fixtures' job runs belong to.</summary>
    public const string SisJobId = "S12345678900000561";

    /// <summary>Points <paramref name="cli"/>'s settings at this server with the test key (and the SIS job, when <paramref name="withSisJob"/>).</summary>
    public void Configure(Cli.CliHarness cli, bool withSisJob = false)
    {
        cli.Section("Alma")["ApiBaseUrl"] = BaseUrl;
        cli.Section("Alma")["ApiKey"] = ApiKey;
        if (withSisJob)
            cli.Section("Alma")["SisJobId"] = SisJobId;
    }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Queue<Reply>> _replies = new(StringComparer.Ordinal);

    private AlmaTestServer(WebApplication app) => _app = app;

    /// <summary>The gateway up to /almaws/v1, as Alma:ApiBaseUrl takes it.</summary>
    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<Request> Requests { get; } = new();

    public static async Task<AlmaTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new AlmaTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/almaws/v1";
        return server;
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AlmaApi", "Fixtures", name));

    /// <summary>Queues replies for <paramref name="path"/> (after /almaws/v1/, without the query).</summary>
    public AlmaTestServer On(string path, params Reply[] replies)
    {
        var queue = _replies.GetOrAdd(path, _ => new Queue<Reply>());
        lock (queue)
        {
            foreach (var reply in replies)
                queue.Enqueue(reply);
        }

        return this;
    }

    public int CountOf(string path) => Requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        const string Prefix = "/almaws/v1/";
        var relative = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path;
        Requests.Enqueue(new Request(relative, context.Request.QueryString.Value ?? "", context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.Accept.ToString()));

        Reply reply;
        if (!_replies.TryGetValue(relative, out var queue))
        {
            reply = new Reply(404, "{}");
        }
        else
        {
            lock (queue)
                reply = queue.Count > 1 ? queue.Dequeue() : queue.Count == 1 ? queue.Peek() : new Reply(404, "{}");
        }

        if (reply.Hang)
        {
            // No answer: the client's attempt timeout must end the request.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(reply.Body);
    }

    /// <summary>One answer: a status and a body, or no answer at all.</summary>
    public sealed record Reply(int Status, string Body, bool Hang = false)
    {
        public static Reply Ok(string fixture) => new(200, Fixture(fixture));

        public static Reply Error(int status, string fixture) => new(status, Fixture(fixture));

        public static Reply NoAnswer() => new(0, "", Hang: true);
    }

    public sealed record Request(string Path, string Query, string Authorization, string Accept);
}
