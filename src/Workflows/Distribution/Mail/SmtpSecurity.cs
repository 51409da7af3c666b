using MailKit.Security;

namespace Workflows.Distribution.Mail;

/// <summary>The values of <see cref="SmtpOptions.Security"/> and the MailKit socket options each means.</summary>
public static class SmtpSecurity
{
    /// <summary>The accepted values, as written in the settings.</summary>
    public static readonly IReadOnlyList<string> Names = ["none", "starttls", "ssl-on-connect"];

    /// <summary>The MailKit option for <paramref name="value"/> (case ignored); null when it is none of <see cref="Names"/>.</summary>
    public static SecureSocketOptions? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl-on-connect" => SecureSocketOptions.SslOnConnect,
        _ => null,
    };
}
