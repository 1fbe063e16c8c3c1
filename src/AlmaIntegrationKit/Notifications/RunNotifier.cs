using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Notifications;

/// <summary>
/// Sends a run's notice (or <c>job-status</c>'s about Alma's SIS job) on every configured channel when
/// <see cref="NotifyOptions.When"/> says so. A channel that
/// fails is logged as a warning with the reason and how to check it; it never fails the run or changes its exit code.
/// </summary>
internal static class RunNotifier
{
    /// <summary>Whether the notice is sent at all.</summary>
    public static bool ShouldSend(NotifyOptions options, RunNotice notice)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notice);
        return options.AnyChannel && options.When switch
        {
            NotifyWhen.Always => true,
            NotifyWhen.Problems => notice.IsProblem,
            _ => false,
        };
    }

    /// <summary>Sends by email and webhook (each on its own); returns how many channels took the notice.</summary>
    public static async Task<int> NotifyAsync(NotifyOptions options, RunNotice notice, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!ShouldSend(options, notice))
            return 0;
        var sent = 0;
        if (options.SmtpHost is not null)
        {
            try
            {
                await EmailNotifier.SendAsync(options, notice, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Notified {Count} recipient(s) by email through {Host}:{Port}", options.To.Count, options.SmtpHost, options.EffectiveSmtpPort);
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(
                    "The email notice could not be sent through {Host}:{Port} ({Security}): {Message} Check Notify:Smtp:Host, Port, Security and the login; the run's result is unchanged.",
                    options.SmtpHost, options.EffectiveSmtpPort, options.SmtpSecurity, exception.Message);
            }
        }

        if (options.WebhookUrl is { } url)
        {
            try
            {
                await WebhookNotifier.SendAsync(options, notice, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Notified the webhook at {Host}", url.Host);
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The URL carries the webhook's key: only its host is named.
                logger.LogWarning("The webhook notice to {Host} could not be sent: {Message} Check Notify:WebhookUrl; the run's result is unchanged.",
                    url.Host, exception.Message);
            }
        }

        return sent;
    }
}
