namespace Workflows.Reading;

/// <summary>
/// Thrown by <see cref="PlanReader"/> when the content cannot be read as a plan.
/// <see cref="Code"/> is machine-readable; the message names the problem in English and Vietnamese.
/// </summary>
public sealed class PlanReadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Machine-readable code, one of the constants of <see cref="PlanReadErrorCodes"/>.</param>
    /// <param name="message">English and Vietnamese description of the problem.</param>
    /// <param name="innerException">The underlying failure, when there is one.</param>
    public PlanReadException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Machine-readable reason: <c>empty</c>, <c>too-large</c>, <c>pdf-encrypted</c>, <c>invalid-pdf</c>, <c>needs-ocr</c>, <c>binary</c>,
    /// <c>legacy-encoding</c>, <c>utf-16</c>, <c>not-utf8</c>, <c>invalid-docx</c> or <c>unreadable</c>.</summary>
    public string Code { get; }

    /// <summary>The Vietnamese half of the message (what pages and the API show), or the whole message when it has no English half.</summary>
    public string VietnameseMessage => Message.IndexOf(" / ", StringComparison.Ordinal) is var split and >= 0 ? Message[(split + 3)..] : Message;
}
