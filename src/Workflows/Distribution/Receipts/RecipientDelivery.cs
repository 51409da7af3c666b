namespace Workflows.Distribution.Receipts;

/// <summary>One recipient of a released plan as the clerk follows it: the release message and the receipt.</summary>
/// <param name="DeliveryId">The release message (<c>outgoing_messages.id</c>), for a resend.</param>
/// <param name="RecipientName">Recipient's name.</param>
/// <param name="Address">Address the plan was sent to.</param>
/// <param name="State">
/// <c>queued</c> (waiting, being sent or retrying), <c>sent</c> (accepted by the mail server, not yet acknowledged),
/// <c>acknowledged</c>, <c>failed</c> (refused or given up) or <c>withdrawn</c> (the plan recalled before it left).
/// </param>
/// <param name="MessageStatus">The outbox status as it is: queued, sending, retrying, sent, failed, withdrawn.</param>
/// <param name="Attempts">Send attempts so far.</param>
/// <param name="LastError">The mail server's last answer to a failed attempt, or null.</param>
/// <param name="SentAt">When the server accepted it (UTC), or null.</param>
/// <param name="AcknowledgedAt">When the recipient acknowledged (UTC), or null.</param>
/// <param name="RemindedAt">When its one reminder was queued (UTC), or null.</param>
public sealed record RecipientDelivery(Guid DeliveryId, string RecipientName, string Address, string State, string MessageStatus, int Attempts,
    string? LastError, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? RemindedAt)
{
    /// <summary>True when the clerk may send it again: only a message that failed or was refused.</summary>
    public bool MayResend => MessageStatus == "failed";
}
