namespace AlmaIntegrationKit.Notifications;

/// <summary>How the connection to the mail server is protected (<c>Notify:Smtp:Security</c>).</summary>
internal enum SmtpSecurity
{
    /// <summary>Plain SMTP, no TLS (a relay on the same host or network only).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}
