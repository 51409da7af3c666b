namespace Workflows.Distribution;

/// <summary>One message to put in the outbox (see <see cref="OutboxWriter"/>).</summary>
/// <param name="Category">What it is: <c>release</c>, <c>report-request</c>, <c>reminder</c>, <c>overdue</c>, <c>summary</c>, <c>receipt</c>…</param>
/// <param name="Address">Recipient address.</param>
/// <param name="RecipientName">Recipient display name.</param>
/// <param name="Subject">Subject (UTF-8; encoded by the transport).</param>
/// <param name="Body">Plain-text body.</param>
/// <param name="DedupKey">
/// Unique key of this message's reason, e.g. <c>report:{requestId}:reminder-3</c>; a second message with the same key is
/// not written (null: no de-duplication).
/// </param>
/// <param name="PlanId">The plan it concerns; release messages attach the plan's document.</param>
/// <param name="ReferenceId">Another record it concerns (e.g. a report request).</param>
/// <param name="EntryId">The directory entry of the recipient.</param>
/// <param name="RedactAfterSend">Replace the body once sent (it holds a secret such as a submission link).</param>
/// <param name="NotBefore">When it may be sent (UTC), e.g. a reminder written at release for a period months ahead; null: at once.</param>
public sealed record OutboxMessage(
    string Category,
    string Address,
    string RecipientName,
    string Subject,
    string Body,
    string? DedupKey = null,
    Guid? PlanId = null,
    Guid? ReferenceId = null,
    Guid? EntryId = null,
    bool RedactAfterSend = false,
    DateTimeOffset? NotBefore = null);
