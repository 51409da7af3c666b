using MimeKit;

namespace Workflows.Host.Ui;

/// <summary>
/// A pickup-folder <c>.eml</c> file read with MimeKit's parser for the development mail page: its From, To, Reply-To,
/// Subject and Date headers decoded (RFC 2047), its attachments' names (RFC 2231/2047), its plain text (the
/// <c>text/plain</c> half of <c>multipart/alternative</c>, decoded from its transfer encoding and charset) and whether an
/// HTML version is present.
/// </summary>
internal sealed record EmlPreview(string From, string To, string Subject, string Date, string Body, IReadOnlyList<string> Attachments)
{
    /// <summary>The Reply-To addresses, empty when there is none.</summary>
    public string ReplyTo { get; init; } = "";

    /// <summary>True when the message carries an HTML version beside its text.</summary>
    public bool HasHtml { get; init; }

    /// <summary>Reads the <c>.eml</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a MIME message.</exception>
    public static async Task<EmlPreview> ReadAsync(string path, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(path, cancellationToken);
        }
        catch (ParseException e)
        {
            throw new FormatException($"{Path.GetFileName(path)} is not a MIME message: {e.Message}", e);
        }
        return Of(message);
    }

    /// <summary>The preview of a parsed <paramref name="message"/>.</summary>
    public static EmlPreview Of(MimeMessage message) =>
        new(message.From.ToString(), message.To.ToString(), message.Subject ?? "",
            message.Headers.Contains(HeaderId.Date) ? message.Date.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "",
            message.TextBody ?? "", message.Attachments.Select(a => a is MimePart part ? part.FileName ?? "(không tên)" : a.ContentType.MimeType).ToList())
        {
            ReplyTo = message.ReplyTo.ToString(),
            HasHtml = message.HtmlBody is not null,
        };
}
