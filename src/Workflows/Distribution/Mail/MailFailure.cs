namespace Workflows.Distribution.Mail;

/// <summary>The outcome class of a failed send.</summary>
public enum MailFailure
{
    /// <summary>Try again later: a 4xx reply, a connection or TLS failure, a timeout.</summary>
    Temporary,

    /// <summary>Do not try again: a 5xx reply (the recipient, the sender or the message was refused).</summary>
    Permanent,
}
