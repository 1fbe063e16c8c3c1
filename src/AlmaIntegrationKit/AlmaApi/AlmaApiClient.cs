using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace AlmaIntegrationKit.AlmaApi;

/// <summary>
/// A small, read-only client of the Alma REST API: code tables, users and job instances, as JSON. Each request has
/// <see cref="AlmaApiSettings.AttemptTimeout"/>; a 429 (Alma's per-second threshold), a 5xx, a timeout or a broken
/// connection is tried again with exponential backoff and jitter (or after Retry-After), a 4xx never. The kit never
/// writes to Alma through the API: the SIS files stay the one path of change.
/// </summary>
internal sealed class AlmaApiClient : IDisposable
{
    // Names the request in the retry log lines: what the operator reads, not the path with its query.
    private static readonly ResiliencePropertyKey<string> WhatKey = new("alma.what");

    private readonly HttpClient _http;
    private readonly AlmaApiSettings _settings;

    /// <summary>Creates a client for <paramref name="settings"/>; <paramref name="logger"/> gets one line per retry, never the key.</summary>
    public AlmaApiClient(AlmaApiSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        logger ??= NullLogger.Instance;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, settings.Retries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryDelay,
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(settings.Retries > 0 && IsTransient(args.Outcome)),
            OnRetry = args =>
            {
                logger.LogInformation("Alma API: {Request} got {Reason}; trying again in {Delay:0.0} s (retry {Attempt} of {Retries})",
                    Describe(args.Context), Reason(args.Outcome), args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, settings.Retries);
                return ValueTask.CompletedTask;
            },
        };
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(retry)
            .AddTimeout(settings.AttemptTimeout)
            .Build();
        _http = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } })
        {
            BaseAddress = settings.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout in the pipeline
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("apikey", settings.ApiKey);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("AlmaIntegrationKit", typeof(AlmaApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    /// <summary>The gateway the client talks to.</summary>
    public Uri BaseUrl => _settings.BaseUrl;

    /// <summary>The code table <paramref name="table"/>, or null when Alma has no table of that name.</summary>
    public async Task<AlmaCodeTable?> GetCodeTableAsync(string table, CancellationToken cancellationToken = default)
    {
        try
        {
            using var document = await GetJsonAsync($"conf/code-tables/{Uri.EscapeDataString(table)}", $"the code table {table}", cancellationToken).ConfigureAwait(false);
            return AlmaCodeTable.Parse(table, document.RootElement);
        }
        catch (AlmaApiException exception) when (exception.Problem is AlmaApiProblem.NotFound or AlmaApiProblem.Refused)
        {
            return null;
        }
    }

    /// <summary>The user any of whose unique identifiers (primary_id included) is <paramref name="id"/>, or null when none is.</summary>
    public async Task<AlmaUserView?> GetUserAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            // Named without the id: the name goes into log lines and messages, which hold no personal data.
            using var document = await GetJsonAsync($"users/{Uri.EscapeDataString(id)}?user_id_type=all_unique&view=full&expand=none",
                "users (GET /users/{id})", cancellationToken).ConfigureAwait(false);
            return AlmaUserView.Parse(document.RootElement);
        }
        catch (AlmaApiException exception) when (exception.Problem == AlmaApiProblem.NotFound)
        {
            return null;
        }
    }

    /// <summary>The latest <paramref name="limit"/> runs of the job <paramref name="jobId"/>, newest first.</summary>
    public async Task<IReadOnlyList<AlmaJobInstance>> GetJobInstancesAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"conf/jobs/{Uri.EscapeDataString(jobId)}/instances?limit={Math.Clamp(limit, 1, 100)}&offset=0");
        using var document = await GetJsonAsync(path, $"the runs of job {jobId}", cancellationToken).ConfigureAwait(false);
        return AlmaJson.Items(document.RootElement, "job_instance").Select(AlmaJobInstance.Parse)
            .OrderByDescending(i => i.SubmittedUtc ?? DateTimeOffset.MinValue)
            .ToList();
    }

    /// <summary>Every job Alma lists (<c>GET /conf/jobs</c>, read 100 at a time).</summary>
    public async Task<IReadOnlyList<AlmaJob>> GetJobsAsync(CancellationToken cancellationToken = default)
    {
        var jobs = new List<AlmaJob>();
        for (var offset = 0; ; offset += 100)
        {
            using var document = await GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"conf/jobs?limit=100&offset={offset}"), "the list of jobs", cancellationToken)
                .ConfigureAwait(false);
            var page = AlmaJson.Items(document.RootElement, "job").Select(AlmaJob.Parse).ToList();
            jobs.AddRange(page);
            var total = long.TryParse(AlmaJson.Text(document.RootElement, "total_record_count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 0;
            if (page.Count < 100 || jobs.Count >= total)
                return jobs;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string path, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WhatKey, what);
        request.SetResilienceContext(context);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new AlmaApiException(AlmaApiProblem.Unreachable, null, [],
                $"Alma did not answer {what} within {_settings.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, {_settings.Retries + 1} times. Check the network path to {_settings.BaseUrl.Host}, or raise Alma:TimeoutSeconds.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new AlmaApiException(AlmaApiProblem.Unreachable, null, [],
                $"No connection to {_settings.BaseUrl.Host} for {what}: {exception.Message} Check Alma:ApiBaseUrl (your region's gateway, e.g. {AlmaApiSettings.ExampleBaseUrl}) and that this machine may reach it (proxy, firewall).", exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw AlmaApiErrors.ToException(response.StatusCode, body, what, _settings.BaseUrl);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException exception)
            {
                throw new AlmaApiException(AlmaApiProblem.Refused, (int)response.StatusCode, [],
                    $"Alma's answer to {what} is not JSON ({exception.Message}). Check that Alma:ApiBaseUrl ends with /almaws/v1.", exception);
            }
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "no answer in time",
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } response } => "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
        _ => "nothing",
    };

    private static string Describe(ResilienceContext context) =>
        context.Properties.TryGetValue(WhatKey, out var what) ? what : "a request";
}
