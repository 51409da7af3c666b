namespace Workflows.Distribution.Mail;

/// <summary>Sends one message; safe to call from several threads at once.</summary>
public interface IMailTransport
{
    /// <summary>Sends <paramref name="mail"/>.</summary>
    /// <exception cref="MailTransportException">The message was not accepted: <see cref="MailFailure.Temporary"/> (try again later) or <see cref="MailFailure.Permanent"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
