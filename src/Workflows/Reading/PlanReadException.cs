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
    /// <c>legacy-encoding</c>, <c>not-utf8</c>, <c>invalid-docx</c> or <c>unreadable</c>.</summary>
    public string Code { get; }
}
