namespace Workflows.Distribution.Mail;

/// <summary>A failed send, classified.</summary>
/// <param name="failure">Temporary or permanent.</param>
/// <param name="message">What happened, with the server's reply code when there is one (e.g. <c>550 5.1.1 Mailbox unavailable</c>).</param>
/// <param name="inner">The MailKit or socket exception.</param>
public sealed class MailTransportException(MailFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Temporary or permanent.</summary>
    public MailFailure Failure { get; } = failure;
}
