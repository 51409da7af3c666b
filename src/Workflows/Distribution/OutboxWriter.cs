using System.Data;
using Dapper;

namespace Workflows.Distribution;

/// <summary>
/// Writes messages into the transactional outbox inside the caller's transaction, so a state change and the emails it
/// causes commit together; the <see cref="OutboxSender"/> sends them later.
/// </summary>
public static class OutboxWriter
{
    /// <summary>
    /// Inserts <paramref name="message"/> as <c>queued</c>, due now. Returns false when a message with the same
    /// <see cref="OutboxMessage.DedupKey"/> already exists (nothing written).
    /// </summary>
    public static async Task<bool> EnqueueAsync(IDbConnection connection, IDbTransaction? transaction, OutboxMessage message, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outgoing_messages (id, plan_id, message_id, address, recipient_name, entry_id, lines, purpose, subject, body,
                                           status, next_attempt_at, created_at, category, dedup_key, reference_id, redact_after_send)
            VALUES (@id, @PlanId, @messageId, @Address, @RecipientName, @EntryId, '', '', @Subject, @Body,
                    'queued', now(), now(), @Category, @DedupKey, @ReferenceId, @RedactAfterSend)
            ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
            """, new
        {
            id, message.PlanId, messageId = MessageId(id), message.Address, message.RecipientName, message.EntryId, message.Subject,
            message.Body, message.Category, message.DedupKey, message.ReferenceId, message.RedactAfterSend,
        }, transaction, cancellationToken: cancellationToken));
        return rows == 1;
    }

    /// <summary>The stable Message-ID of the outbox row <paramref name="id"/>.</summary>
    public static string MessageId(Guid id) => $"<{id:N}@workflows.local>";
}
