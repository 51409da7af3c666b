using System.Runtime.CompilerServices;
using System.Text;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;
using MimeKit.Text;

namespace Workflows.Distribution.Mail;

/// <summary>
/// Builds the MIME message of an <see cref="OutgoingMail"/> with MimeKit: <c>multipart/alternative</c> of the plain text
/// and its HTML (both UTF-8, quoted-printable), inside <c>multipart/mixed</c> with the attachments (base64; the file name
/// as an RFC 2231 <c>filename*</c> parameter of Content-Disposition and an RFC 2047 encoded <c>name</c> of Content-Type,
/// which older clients read), the outbox's stable Message-ID, the display names and subject RFC 2047 encoded,
/// <c>Auto-Submitted: auto-generated</c> (RFC 3834) on automatic messages, <c>Reply-To</c> when given. Every part is
/// 7-bit clean, so a DKIM signature made before sending stays valid whatever the server offers.
/// Each part's content is stored already encoded (MimeKit's own quoted-printable and base64 encoders, the bytes they would
/// write), so writing the message copies it: MailKit writes every message twice (once to measure it for <c>SIZE</c>,
/// once to send it), the DKIM signer once more, and an attachment sent to many recipients — the same array — is
/// encoded once for all of them.
/// </summary>
public static class MailMessageBuilder
{
    /// <summary>The header of automatic messages (RFC 3834, section 5).</summary>
    public const string AutoSubmitted = "Auto-Submitted";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Subject", "Message-ID", "Date", "Reply-To", "Sender", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "DKIM-Signature", AutoSubmitted,
    };

    /// <summary>The format used to sign and to send: CRLF line ends, headers RFC 2047 encoded (never raw UTF-8).</summary>
    public static FormatOptions Format { get; } = CreateFormat();

    /// <summary>The message for <paramref name="mail"/> from <paramref name="from"/>, dated <paramref name="date"/>.</summary>
    /// <param name="mail">What to send.</param>
    /// <param name="from">Sender, e.g. <c>"Phòng GDĐT Uông Bí" &lt;vanthu@example.org&gt;</c>.</param>
    /// <param name="date">The Date header (an instant; written with its offset).</param>
    /// <exception cref="ParseException"><paramref name="from"/> or <see cref="OutgoingMail.ReplyTo"/> is not an address.</exception>
    public static MimeMessage Build(OutgoingMail mail, string from, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject.Replace('\r', ' ').Replace('\n', ' '),
            MessageId = mail.MessageId.Trim().TrimStart('<').TrimEnd('>'),
            Date = date,
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        if (!string.IsNullOrWhiteSpace(mail.ReplyTo)) message.ReplyTo.Add(MailboxAddress.Parse(mail.ReplyTo));
        if (mail.Automatic) message.Headers.Add(AutoSubmitted, "auto-generated");
        foreach (var (name, value) in mail.Headers)
        {
            if (Reserved.Contains(name)) throw new ArgumentException($"The header {name} is set by the builder, not through Headers.", nameof(mail));
            message.Headers.Add(name, value.Replace('\r', ' ').Replace('\n', ' '));
        }

        var alternative = new MultipartAlternative
        {
            Text(TextFormat.Plain, mail.Text),
            Text(TextFormat.Html, mail.Html ?? MailHtml.Render(message.Subject, mail.Text)),
        };
        if (mail.Attachments.Count == 0) message.Body = alternative;
        else
        {
            var mixed = new Multipart("mixed") { alternative };
            foreach (var attachment in mail.Attachments) mixed.Add(Attachment(attachment));
            message.Body = mixed;
        }
        return message;
    }

    /// <summary>Base64 of attachment contents, kept while the content array lives (one document sent to many recipients).</summary>
    private static readonly ConditionalWeakTable<byte[], byte[]> Base64Contents = new();

    private static TextPart Text(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.ContentType.CharsetEncoding = Encoding.UTF8;
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        part.Content = Encoded(ContentEncoding.QuotedPrintable, Encode(ContentEncoding.QuotedPrintable, bytes));
        return part;
    }

    /// <summary>Content already in <paramref name="encoding"/>: MimeKit then writes it as it is (through its line-ending filter only).</summary>
    private static MimeContent Encoded(ContentEncoding encoding, byte[] bytes) => new(new MemoryStream(bytes, writable: false), encoding);

    /// <summary>
    /// <paramref name="bytes"/> in <paramref name="encoding"/>, through the encoder filter MimeKit's <see cref="MimePart"/>
    /// uses when it writes unencoded content (lines of at most 78 octets; the line ends are made CRLF when written).
    /// </summary>
    private static byte[] Encode(ContentEncoding encoding, byte[] bytes)
    {
        using var output = new MemoryStream(bytes.Length * 4 / 3 + 256);
        using (var filtered = new FilteredStream(output))
        {
            filtered.Add(EncoderFilter.Create(encoding));
            filtered.Write(bytes, 0, bytes.Length);
            filtered.Flush();
        }
        return output.ToArray();
    }

    private static MimePart Attachment(MailAttachment attachment)
    {
        var type = ContentType.TryParse(attachment.MediaType ?? "", out var parsed) && parsed.MediaType.Length > 0
            ? new ContentType(parsed.MediaType, parsed.MediaSubtype)
            : new ContentType("application", "octet-stream");
        var name = string.IsNullOrWhiteSpace(attachment.FileName) ? "van-ban" : attachment.FileName;
        var part = new MimePart(type)
        {
            Content = Encoded(ContentEncoding.Base64, Base64Contents.GetValue(attachment.Content, static c => Encode(ContentEncoding.Base64, c))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = name,
        };
        // filename* (RFC 2231) in Content-Disposition for today's readers; name (RFC 2047) in Content-Type for older ones.
        part.ContentDisposition.Parameters["filename"] = name;
        part.ContentDisposition.Parameters.First(p => p.Name == "filename").EncodingMethod = ParameterEncodingMethod.Rfc2231;
        part.ContentType.Parameters["name"] = name;
        part.ContentType.Parameters.First(p => p.Name == "name").EncodingMethod = ParameterEncodingMethod.Rfc2047;
        return part;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}
