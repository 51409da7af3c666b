namespace Workflows.Distribution.Mail;

/// <summary>One attached file of an <see cref="OutgoingMail"/>.</summary>
/// <param name="FileName">File name as the recipient sees it (UTF-8, e.g. <c>Kế hoạch 95.pdf</c>).</param>
/// <param name="MediaType">Media type, e.g. <c>application/pdf</c>; empty or invalid: <c>application/octet-stream</c>.</param>
/// <param name="Content">The bytes, sent base64-encoded.</param>
public sealed record MailAttachment(string FileName, string MediaType, byte[] Content);
