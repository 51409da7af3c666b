using Npgsql;
using NpgsqlTypes;
using Workflows.Storage;

namespace Workflows.Distribution;

/// <summary>
/// The only writer of new rows of <c>outgoing_messages</c> (the transactional outbox): messages are written on the
/// caller's <see cref="UnitOfWork"/>, so a state change and the emails it causes commit together; the
/// <see cref="OutboxSender"/> sends them later. Every insert is built here, with the Message-ID formed by the SQL
/// function <c>outbox_message_id(id)</c> (migration 0410), <c>queued</c> and due at once (or at
/// <see cref="OutboxMessage.NotBefore"/>).
/// </summary>
public static class OutboxWriter
{
    private const string Columns =
        "id, plan_id, message_id, address, recipient_name, entry_id, lines, purpose, subject, body, status, next_attempt_at, created_at, " +
        "category, dedup_key, reference_id, redact_after_send";

    /// <summary>
    /// Writes <paramref name="message"/> now. Returns false when a message with the same <see cref="OutboxMessage.DedupKey"/>
    /// already exists (nothing written).
    /// </summary>
    public static async Task<bool> EnqueueAsync(UnitOfWork work, OutboxMessage message, CancellationToken cancellationToken = default)
    {
        if (await work.ExecuteAsync(Single(message), cancellationToken) != 1) return false;
        Notify(work);
        return true;
    }

    /// <summary>Queues <paramref name="message"/> on <paramref name="work"/> (skipped at commit when its dedup key exists).</summary>
    public static void Enqueue(UnitOfWork work, OutboxMessage message)
    {
        work.Queue(Single(message));
        Notify(work);
    }

    /// <summary>The channel on which a commit that wrote messages wakes every node's sender (<c>NOTIFY</c>, delivered at commit).</summary>
    public const string Channel = "outgoing_messages";

    /// <summary>
    /// Queues a <c>NOTIFY</c> on <see cref="Channel"/>: at commit PostgreSQL wakes the senders that listen (every node), so
    /// the messages leave without waiting for the next poll; a rolled-back transaction notifies no one. Every insert of this
    /// class queues it, <see cref="InsertFrom"/> included.
    /// </summary>
    public static void Notify(UnitOfWork work) => work.Queue($"SELECT pg_notify('{Channel}', '')");

    /// <summary>
    /// Queues one release message per recipient of plan <paramref name="planId"/> as one statement (arrays unnested),
    /// category <c>release</c>, no dedup key, the body redacted once sent (it holds the recipient's "Xác nhận đã nhận" link).
    /// </summary>
    /// <param name="work">The release's unit of work.</param>
    /// <param name="planId">The plan released.</param>
    /// <param name="subject">Subject shared by every message.</param>
    /// <param name="recipients">Each recipient: address, name, directory entry, the Nơi nhận lines and purposes it stands for, and its body.</param>
    public static void EnqueueRelease(UnitOfWork work, Guid planId, string subject,
        IReadOnlyList<(string Address, string Name, Guid EntryId, string Lines, string Purpose, string Body)> recipients)
    {
        var command = new NpgsqlBatchCommand(
            $"""
            INSERT INTO outgoing_messages ({Columns})
            SELECT id, $1, outbox_message_id(id), address, name, entry_id, lines, purpose, $2, body, 'queued', now(), now(), 'release', NULL, NULL, true
            FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[])
                 AS t(id, address, name, entry_id, lines, purpose, body)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(_ => Guid.NewGuid()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(r => r.Address).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(r => r.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(r => r.EntryId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(r => r.Lines).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(r => r.Purpose).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.Select(r => r.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        work.Queue(command);
        Notify(work);
    }

    /// <summary>
    /// The set-based insert for a caller's query: the final statement of a caller's <c>WITH … </c> that writes one message per
    /// row of <paramref name="source"/> (a CTE or table expression), skipping rows whose dedup key exists. The source must
    /// give the columns <c>address, recipient_name, entry_id, subject, body, category, dedup_key, reference_id,
    /// redact_after_send</c> (plan-less messages; lines and purpose empty).
    /// </summary>
    /// <param name="work">The caller's unit of work: a <c>NOTIFY</c> is queued on it (<see cref="Notify"/>), so the messages
    /// leave at commit rather than at the senders' next poll.</param>
    /// <param name="source">The name of the caller's CTE, e.g. <c>messages</c>.</param>
    /// <param name="skipExisting">True (default): rows whose dedup key exists are skipped (<c>ON CONFLICT DO NOTHING</c>).
    /// False for a source whose keys cannot exist yet because the same statement marks their rows done (the overdue
    /// notice and <c>overdue_at</c>): PostgreSQL then inserts without the speculative insertion that costs about a third
    /// more per row, and a key that exists after all fails the statement (unique violation) rather than being skipped.</param>
    public static string InsertFrom(UnitOfWork work, string source, bool skipExisting = true)
    {
        Notify(work);
        return $"""
        INSERT INTO outgoing_messages ({Columns})
        SELECT mid, NULL, outbox_message_id(mid), address, recipient_name, entry_id, '', '', subject, body, 'queued', now(), now(),
               category, dedup_key, reference_id, redact_after_send
        FROM (SELECT gen_random_uuid() AS mid, s.* FROM {source} s) AS m
        {(skipExisting ? "ON CONFLICT DO NOTHING" : "")}
        """;
    }

    /// <summary>
    /// Like <see cref="InsertFrom"/> (dedup keys that exist skipped), but the <c>NOTIFY</c> is part of the same statement and
    /// happens only when a message was written: the text is the tail of a caller's <c>WITH …, </c>, one more CTE that inserts
    /// the rows of <paramref name="source"/> and a final <c>SELECT</c> that notifies <see cref="Channel"/> if it inserted any.
    /// A transaction that writes no message (nobody to tell, or every key already there) then takes no part in PostgreSQL's
    /// notification queue, whose lock serialises the commits of notifying transactions (held through the WAL flush).
    /// </summary>
    /// <param name="source">The name of the caller's CTE, e.g. <c>messages</c>, with the columns <see cref="InsertFrom"/> names.</param>
    public static string InsertNotifyingFrom(string source) => $"""
        written AS (
            INSERT INTO outgoing_messages ({Columns})
            SELECT mid, NULL, outbox_message_id(mid), address, recipient_name, entry_id, '', '', subject, body, 'queued', now(), now(),
                   category, dedup_key, reference_id, redact_after_send
            FROM (SELECT gen_random_uuid() AS mid, s.* FROM {source} s) AS m
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT pg_notify('{Channel}', '') WHERE EXISTS (SELECT 1 FROM written)
        """;

    /// <summary>
    /// Withdraws, in the caller's transaction, every message of plan <paramref name="planId"/> not yet handed to a sender:
    /// queued or retrying release messages, its own units' duty reminders due later, and the reminders of its receipts.
    /// They become <c>withdrawn</c> and are never sent; a message being sent at that instant still leaves. Returns how many.
    /// </summary>
    public static Task<int> WithdrawPlanAsync(UnitOfWork work, Guid planId, CancellationToken cancellationToken = default) =>
        work.ExecuteAsync(BatchStatement.Create(
            """
            UPDATE outgoing_messages SET status = 'withdrawn'
            WHERE status IN ('queued', 'retrying')
              AND (plan_id = $1 OR (category = 'receipt-reminder' AND reference_id IN (SELECT id FROM release_receipts WHERE plan_id = $1)))
            """, planId), cancellationToken);

    private static NpgsqlBatchCommand Single(OutboxMessage message)
    {
        var id = Guid.NewGuid();
        return BatchStatement.Create(
            $"""
            INSERT INTO outgoing_messages ({Columns})
            VALUES ($1, $2, outbox_message_id($1), $3, $4, $5, '', '', $6, $7, 'queued', coalesce($12::timestamptz, now()), now(),
                    $8, $9, $10, $11)
            ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING
            """,
            id, message.PlanId, message.Address, message.RecipientName, message.EntryId, message.Subject, message.Body,
            message.Category, message.DedupKey, message.ReferenceId, message.RedactAfterSend, message.NotBefore);
    }
}
