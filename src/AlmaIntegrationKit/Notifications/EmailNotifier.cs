using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AlmaIntegrationKit.Notifications;

/// <summary>Sends a <see cref="RunNotice"/> by email through MailKit: plain text, the HTML report attached when asked.</summary>
internal static class EmailNotifier
{
    /// <summary>The message as it is sent.</summary>
    public static MimeMessage Compose(NotifyOptions options, RunNotice notice)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notice);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From ?? throw new InvalidOperationException("Notify:From is missing.")));
        foreach (var to in options.To)
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = notice.Subject;
        var body = new BodyBuilder { TextBody = notice.ToText() };
        if (options.AttachReport && notice.ReportPath is { } report && File.Exists(report))
            body.Attachments.Add(report, File.ReadAllBytes(report), new ContentType("text", "html"));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Connects, authenticates when a username is set, sends and disconnects.</summary>
    public static async Task SendAsync(NotifyOptions options, RunNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var message = Compose(options, notice);
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        using var trusted = options.SmtpTrustedCertificate is { } path ? LoadCertificate(path) : null;
        if (trusted is not null)
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => TrustedOrValid(certificate, errors, trusted);

        await client.ConnectAsync(options.SmtpHost ?? throw new InvalidOperationException("Notify:Smtp:Host is missing."), options.EffectiveSmtpPort, SocketOptions(options.SmtpSecurity), cancellationToken).ConfigureAwait(false);
        if (options.SmtpUsername is not null)
            await client.AuthenticateAsync(options.SmtpUsername, options.SmtpPassword ?? "", cancellationToken).ConfigureAwait(false);
        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A certificate file in PEM (<c>-----BEGIN CERTIFICATE-----</c>) or DER.</summary>
    private static X509Certificate2 LoadCertificate(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) ? X509Certificate2.CreateFromPem(text) : new X509Certificate2(bytes);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>
    /// The system's verdict, or else a chain that ends in the one certificate the college named. A name mismatch is
    /// never forgiven: trusting a certificate does not make it valid for another host.
    /// </summary>
    private static bool TrustedOrValid(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 trusted)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var presented = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
