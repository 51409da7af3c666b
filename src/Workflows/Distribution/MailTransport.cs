using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Workflows.Distribution;

/// <summary>One message ready to send.</summary>
/// <param name="MessageId">Stable Message-ID, e.g. <c>&lt;…@workflows.local&gt;</c>.</param>
/// <param name="To">Address.</param>
/// <param name="ToName">Display name.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Body">Plain-text body.</param>
/// <param name="AttachmentName">Attachment file name, if any.</param>
/// <param name="AttachmentMediaType">Attachment media type.</param>
/// <param name="Attachment">Attachment bytes.</param>
public sealed record OutgoingMail(string MessageId, string To, string ToName, string Subject, string Body,
    string? AttachmentName, string? AttachmentMediaType, byte[]? Attachment);

/// <summary>The outcome class of a failed send.</summary>
public enum MailFailure
{
    /// <summary>Try again later (4xx reply, connection failure, timeout).</summary>
    Temporary,

    /// <summary>Do not try again (5xx reply).</summary>
    Permanent,
}

/// <summary>A failed send.</summary>
public sealed class MailTransportException(MailFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Temporary or permanent.</summary>
    public MailFailure Failure { get; } = failure;
}

/// <summary>Sends one message; safe to call from several threads at once.</summary>
public interface IMailTransport
{
    /// <summary>Sends; throws <see cref="MailTransportException"/> on failure.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>Builds the <see cref="MailMessage"/>: UTF-8 subject, body and attachment name, the stable Message-ID.</summary>
public static class MailMessages
{
    /// <summary>The message for <paramref name="mail"/> from <paramref name="from"/>.</summary>
    public static MailMessage Build(OutgoingMail mail, string from)
    {
        var message = new MailMessage
        {
            From = new MailAddress(from),
            Subject = mail.Subject.Replace('\r', ' ').Replace('\n', ' '),
            SubjectEncoding = Encoding.UTF8,
            Body = mail.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            HeadersEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To, mail.ToName, Encoding.UTF8));
        message.Headers["Message-ID"] = mail.MessageId;
        if (mail.Attachment is not null)
        {
            var attachment = new Attachment(new MemoryStream(mail.Attachment), mail.AttachmentName ?? "van-ban",
                mail.AttachmentMediaType is { Length: > 0 } mt ? new ContentType(mt).MediaType : MediaTypeNames.Application.Octet)
            {
                NameEncoding = Encoding.UTF8,
                TransferEncoding = TransferEncoding.Base64,
            };
            attachment.ContentDisposition!.FileName = mail.AttachmentName;
            message.Attachments.Add(attachment);
        }
        return message;
    }
}

/// <summary>SMTP through System.Net.Mail: one SmtpClient per message, so parallel sends use parallel connections.</summary>
public sealed class SmtpMailTransport : IMailTransport
{
    private readonly SmtpOptions _options;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidOperationException">No host, or implicit TLS asked for.</exception>
    public SmtpMailTransport(SmtpOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) throw new InvalidOperationException("Workflows:Distribution:Smtp:Host is not set.");
        if (!Enum.TryParse<SmtpSecurity>(options.Security, ignoreCase: true, out var security))
            throw new InvalidOperationException($"Workflows:Distribution:Smtp:Security '{options.Security}' is not one of None, StartTls, Tls.");
        if (security == SmtpSecurity.Tls)
            throw new InvalidOperationException(
                "Workflows:Distribution:Smtp:Security 'Tls' (implicit TLS, usually port 465) is not supported: System.Net.Mail can only " +
                "upgrade a plain connection with STARTTLS. Use Security 'StartTls' with the server's submission port (587).");
        _options = options;
        Security = security;
    }

    /// <summary>The parsed security mode.</summary>
    public SmtpSecurity Security { get; }

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = MailMessages.Build(mail, _options.From);
        using var client = new SmtpClient(_options.Host, _options.Port)
        {
            EnableSsl = Security == SmtpSecurity.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = _options.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(_options.UserName)) client.Credentials = new NetworkCredential(_options.UserName, _options.Password);
        try
        {
            await client.SendMailAsync(message, cancellationToken);
        }
        catch (SmtpFailedRecipientException e) { throw Classify(e.StatusCode, e); }
        catch (SmtpException e) { throw Classify(e.StatusCode, e); }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
        {
            throw new MailTransportException(MailFailure.Temporary, e.Message, e);
        }
    }

    private static MailTransportException Classify(SmtpStatusCode code, Exception e)
    {
        var value = (int)code;
        var text = $"{(value > 0 ? value + " " : "")}{e.Message}{(e.InnerException is { } inner ? " — " + inner.Message : "")}";
        return new MailTransportException(value is >= 500 and < 600 ? MailFailure.Permanent : MailFailure.Temporary, text, e);
    }
}

/// <summary>SMTP connection security.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection.</summary>
    None,

    /// <summary>STARTTLS upgrade of a plain connection.</summary>
    StartTls,

    /// <summary>Implicit TLS from the first byte (not available with System.Net.Mail).</summary>
    Tls,
}

/// <summary>Writes each message as an <c>.eml</c> file into a folder (the embedded default: see what schools would receive).</summary>
public sealed class PickupFolderMailTransport(string directory, string from) : IMailTransport
{
    /// <summary>The folder.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var message = MailMessages.Build(mail, from);
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Path.GetFullPath(Directory) };
        try
        {
            await client.SendMailAsync(message, cancellationToken);
        }
        catch (SmtpException e)
        {
            throw new MailTransportException(MailFailure.Temporary, e.Message, e);
        }
    }
}
