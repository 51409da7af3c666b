namespace Workflows.Distribution.Mail;

/// <summary>
/// One message ready to send, before it becomes MIME (<see cref="MailMessageBuilder"/>): a plain text, an optional HTML
/// version of the same text (null: rendered from the text by <see cref="MailHtml"/>), attachments and extra headers.
/// </summary>
/// <param name="MessageId">Stable Message-ID formed by the outbox, e.g. <c>&lt;…@workflows.local&gt;</c>; the same on every attempt.</param>
/// <param name="To">Recipient address.</param>
/// <param name="ToName">Recipient display name (UTF-8; RFC 2047 encoded on the wire).</param>
/// <param name="Subject">Subject (UTF-8; line breaks become spaces).</param>
/// <param name="Text">The plain-text body.</param>
public sealed record OutgoingMail(string MessageId, string To, string ToName, string Subject, string Text)
{
    /// <summary>The HTML body; null renders <see cref="Text"/> with <see cref="MailHtml.Render"/>.</summary>
    public string? Html { get; init; }

    /// <summary>Files attached after the text and HTML (<c>multipart/mixed</c>), names encoded per RFC 2047 and RFC 2231.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    /// <summary>Address for replies (<c>Reply-To</c>), e.g. the issuing body's records office; null: none.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>
    /// Sent by the system, not by a person: adds <c>Auto-Submitted: auto-generated</c> (RFC 3834), so out-of-office
    /// replies do not answer it (default true: every message of the outbox is automatic).
    /// </summary>
    public bool Automatic { get; init; } = true;

    /// <summary>Further headers, name → value (e.g. <c>X-Workflows-Category</c>); never From, To, Subject or Message-ID.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
