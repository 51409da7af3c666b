using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Distribution.Mail;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Distribution;

/// <summary>
/// Works the outbox: <see cref="DistributionOptions.Workers"/> workers each claim a few due rows at a time
/// (<see cref="DistributionOptions.ClaimPerWorker"/>) with <c>FOR UPDATE SKIP LOCKED</c> and a lease (<c>claimed_until</c>),
/// send them one after the other through the transport (MailKit's pooled connections), then, just before its next
/// claim and in one statement, mark each sent, retrying (4xx, connection failure, timeout; growing delay) or failed (5xx). A
/// worker claims again as soon as its rows are done, so no worker waits for a slow batch of another. Two processes
/// never hold one row; a crashed process's claimed rows (those being sent and those sent but not yet marked: at most
/// one claim per worker) expire and are sent again with the same Message-ID. A worker renews the lease of the rows it
/// holds while it still sends them: before each send, when less than <see cref="SmtpOptions.TimeoutSeconds"/> and half
/// of (<see cref="DistributionOptions.LeaseSeconds"/> − that time-out) is left, so a send (which ends within the time-out)
/// never outlives its lease; a row another sender took over meanwhile is not sent. The lease must therefore be longer
/// than the time-out (checked at start-up). Lease times are the database's clock; the worker's own reckoning of when
/// its lease ends starts before the claim or renewal statement, so it errs early.
/// </summary>
public sealed class OutboxSender(NpgsqlDataSource dataSource, IMailTransport transport, IOptions<DistributionOptions> options, ILogger<OutboxSender> logger,
    Telemetry.WorkflowsMetrics metrics) : IAsyncDisposable
{
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private sealed record Claimed(Guid Id, string MessageId, string Address, string RecipientName, string Subject, string Body, int Attempts,
        string Category, Guid? PlanId, string? BodyCode);

    private sealed record Document(Guid Id, string? DocumentName, string? DocumentMediaType, byte[]? DocumentContent);

    /// <summary>What replaces a sent body that held a secret (<see cref="OutboxMessage.RedactAfterSend"/>).</summary>
    public const string RedactedBody = "(Nội dung thư có liên kết riêng đã gửi; không lưu lại.)";

    /// <summary>This sender's claim token.</summary>
    public string Worker => _worker;

    private NpgsqlConnection? _listener;

    /// <summary>
    /// Waits until a transaction that wrote messages commits (<c>NOTIFY</c> on <see cref="OutboxWriter.Channel"/>, from any
    /// node) or <paramref name="timeout"/> passes, whichever is first: the sender's idle wait. The listening connection is
    /// kept between calls; when it fails, this call waits the whole timeout and the next one listens again.
    /// </summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (_listener is null)
            {
                // LISTEN lives in the session: a connection of its own, closed (and the listener dropped) on failure or disposal.
                var connection = await WorkflowsDataSource.OpenSessionAsync(dataSource, cancellationToken);
                try
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.Channel}", connection);
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }
                _listener = connection;
            }
            await _listener.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            logger.LogWarning("The outbox sender could not listen for new messages ({Error}); polling instead", e.Message);
            if (_listener is not null) await _listener.DisposeAsync();
            _listener = null;
            await Task.Delay(timeout, cancellationToken);
        }
    }

    /// <summary>Closes the listening connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_listener is not null) await _listener.DisposeAsync();
        _listener = null;
    }

    /// <summary>
    /// Runs the workers until none finds a due row (or <paramref name="cancellationToken"/> fires); returns how many rows
    /// they worked. At most <see cref="DistributionOptions.Workers"/> × <see cref="DistributionOptions.ClaimPerWorker"/>
    /// rows are claimed at once.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var perWorker = o.ClaimPerWorker;
        var documents = new ConcurrentDictionary<Guid, Task<Document?>>();
        var worked = 0;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, o.Workers)).Select(_ => Task.Run(async () =>
        {
            var outcomes = new List<Outcome>(perWorker);
            var renewBelow = TimeSpan.FromSeconds(o.Smtp.TimeoutSeconds + Math.Max(0, o.LeaseSeconds - o.Smtp.TimeoutSeconds) / 2);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    // One connection records the rows just sent and claims the next ones.
                    var leaseEnds = TimeProvider.System.GetTimestamp() + Seconds(o.LeaseSeconds);
                    var batch = await MarkAndClaimAsync(outcomes, perWorker, o, cancellationToken);
                    outcomes.Clear();
                    if (batch.Count == 0) return;
                    Interlocked.Add(ref worked, batch.Count);
                    IReadOnlySet<Guid>? held = null;
                    foreach (var row in batch)
                    {
                        if (TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), leaseEnds) < renewBelow)
                        {
                            leaseEnds = TimeProvider.System.GetTimestamp() + Seconds(o.LeaseSeconds);
                            held = await RenewAsync(batch, o, cancellationToken);
                        }
                        if (held is not null && !held.Contains(row.Id)) continue; // another sender took it over when the lease ran out
                        var document = row.Category == "release" && row.PlanId is { } p ? await documents.GetOrAdd(p, DocumentAsync) : null;
                        if (await SendAsync(row, document, o, cancellationToken) is { } outcome) outcomes.Add(outcome);
                    }
                }
            }
            finally
            {
                if (outcomes.Count > 0) await MarkAndClaimAsync(outcomes, 0, o, CancellationToken.None);
            }
        }, CancellationToken.None)));
        return worked;
    }

    private static long Seconds(double seconds) => (long)(seconds * TimeProvider.System.TimestampFrequency);

    /// <summary>Extends the lease of the rows of <paramref name="batch"/> this sender still holds; returns their ids.</summary>
    private async Task<IReadOnlySet<Guid>> RenewAsync(IReadOnlyList<Claimed> batch, DistributionOptions o, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateBatch();
        command.BatchCommands.Add(BatchStatement.Create(RenewSql, batch.Select(r => r.Id).ToArray(), _worker, o.LeaseSeconds));
        var held = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) held.Add(reader.GetGuid(0));
        if (held.Count < batch.Count) logger.LogWarning("Outbox lease renewal: {Lost} of {Claimed} claimed messages were taken over by another sender", batch.Count - held.Count, batch.Count);
        return held;
    }

    private const string RenewSql = """
        UPDATE outgoing_messages SET claimed_until = now() + make_interval(secs => $3)
        WHERE id = ANY($1) AND claimed_by = $2 AND status = 'sending'
        RETURNING id
        """;

    /// <summary>What became of one sent row: <c>sent</c>, <c>retrying</c> (after <see cref="Delay"/> seconds) or <c>failed</c>.</summary>
    private sealed record Outcome(Guid Id, string Status, string? Error, double Delay, string Category);

    /// <summary>
    /// On one connection: records <paramref name="outcomes"/> (the rows this worker sent since its last claim, one
    /// statement for all), then claims up to <paramref name="count"/> due rows (none when 0). Two transactions, not one: a
    /// claim's <c>FOR UPDATE SKIP LOCKED</c> still waits for a transaction that updated a row it meets, so a claim in the
    /// same transaction as a mark could deadlock with another worker's.
    /// </summary>
    private async Task<IReadOnlyList<Claimed>> MarkAndClaimAsync(IReadOnlyList<Outcome> outcomes, int count, DistributionOptions o, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (outcomes.Count > 0)
        {
            await using var batch = connection.CreateBatch();
            batch.BatchCommands.Add(BatchStatement.Create(MarkSql, outcomes.Select(x => x.Id).ToArray(), _worker, RedactedBody,
                outcomes.Select(x => x.Status).ToArray(), outcomes.Select(x => x.Error).ToArray(), outcomes.Select(x => x.Delay).ToArray()));
            await batch.ExecuteNonQueryAsync(count > 0 ? cancellationToken : CancellationToken.None);
            foreach (var outcome in outcomes)
            {
                if (outcome.Status == "sent") metrics.MessageSent(outcome.Category);
                else if (outcome.Status == "failed") metrics.MessageFailed(outcome.Category);
            }
        }
        if (count == 0) return [];
        var claimed = new List<Claimed>(count);
        await using (var batch = connection.CreateBatch())
        {
            batch.BatchCommands.Add(BatchStatement.Create(ClaimSql, count, _worker, o.LeaseSeconds));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                claimed.Add(new Claimed(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetInt32(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetGuid(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return claimed;
    }

    private const string ClaimSql = """
        WITH expired AS (
            SELECT id FROM outgoing_messages
            WHERE status = 'sending' AND claimed_until < now()
            ORDER BY claimed_until
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        ), due AS (
            SELECT id FROM outgoing_messages
            WHERE status IN ('queued', 'retrying') AND next_attempt_at <= now()
            ORDER BY next_attempt_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        ), picked AS (
            -- Two scans, each in the order of its partial index (outgoing_messages_claimed, outgoing_messages_due), that
            -- stop after $1 rows: one scan with OR would read and sort every due row on each claim.
            SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT $1
        )
        UPDATE outgoing_messages m
        SET status = 'sending', claimed_by = $2, claimed_until = now() + make_interval(secs => $3), attempts = m.attempts + 1
        FROM picked
        WHERE m.id = picked.id
        RETURNING m.id, m.message_id, m.address, m.recipient_name, m.subject, m.body, m.attempts, m.category, m.plan_id,
            -- the issuing body the message speaks for (its Reply-To): the plan's, or the schedule's of the report request or
            -- period it concerns
            coalesce((SELECT p.body_code FROM plans p WHERE p.id = m.plan_id),
                     (SELECT s.body_code FROM report_requests r JOIN reporting_schedules s ON s.id = r.schedule_id WHERE r.id = m.reference_id),
                     (SELECT s.body_code FROM reporting_periods r JOIN reporting_schedules s ON s.id = r.schedule_id WHERE r.id = m.reference_id)) AS body_code
        """;

    /// <summary>Records the outcomes of rows this worker still holds (a row another sender took over after its lease expired is left alone).</summary>
    private const string MarkSql = """
        UPDATE outgoing_messages m
        SET status = u.status, last_error = coalesce(u.error, m.last_error), claimed_by = NULL, claimed_until = NULL,
            sent_at = CASE WHEN u.status = 'sent' THEN now() ELSE m.sent_at END,
            sent_by = CASE WHEN u.status = 'sent' THEN $2 ELSE m.sent_by END,
            body = CASE WHEN u.status = 'sent' AND m.redact_after_send THEN $3 ELSE m.body END,
            next_attempt_at = CASE WHEN u.status = 'retrying' THEN now() + make_interval(secs => u.delay) ELSE m.next_attempt_at END
        FROM unnest($1::uuid[], $4::text[], $5::text[], $6::float8[]) AS u(id, status, error, delay)
        WHERE m.id = u.id AND m.claimed_by = $2 AND m.status = 'sending'
        """;

    /// <summary>
    /// The attached document of a released plan (read once per plan and run; a released plan's document does not change):
    /// the issued PDF, numbered and signed by the signer and the body (<c>issued_documents</c>, stage <c>sealed</c>), named
    /// after the symbol ("05-KH-PGDĐT.pdf"); the uploaded file only for a plan released without one (a definition
    /// without the <c>signDocument</c>/<c>sealDocument</c> actions, or <c>Workflows:Documents:Enabled</c> false).
    /// </summary>
    private async Task<Document?> DocumentAsync(Guid planId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Document>(new CommandDefinition(
            """
            SELECT p.id,
                   CASE WHEN d.stage = 'sealed' THEN replace(p.symbol, '/', '-') || '.pdf' ELSE p.document_name END AS document_name,
                   CASE WHEN d.stage = 'sealed' THEN 'application/pdf' ELSE p.document_media_type END AS document_media_type,
                   CASE WHEN d.stage = 'sealed' THEN d.content ELSE p.document_content END AS document_content
            FROM plans p LEFT JOIN issued_documents d ON d.plan_id = p.id
            WHERE p.id = @planId
            """, new { planId }));
    }

    /// <summary>The message of <paramref name="row"/>: its text (the HTML is rendered from it), the plan's document attached, the body's Reply-To.</summary>
    private static OutgoingMail Mail(Claimed row, Document? document, DistributionOptions o) =>
        new(row.MessageId, row.Address, row.RecipientName, row.Subject, row.Body)
        {
            Attachments = document?.DocumentContent is { } content
                ? [new MailAttachment(document.DocumentName ?? "van-ban", document.DocumentMediaType ?? "", content)]
                : [],
            ReplyTo = row.BodyCode is { } code && o.Smtp.ReplyTo.TryGetValue(code, out var replyTo) ? replyTo : o.Smtp.DefaultReplyTo,
            Headers = new Dictionary<string, string> { [CategoryHeader] = row.Category },
        };

    /// <summary>The header naming what a message is (<see cref="OutboxMessage.Category"/>: <c>release</c>, <c>report-request</c>…).</summary>
    public const string CategoryHeader = "X-Workflows-Category";

    /// <summary>Sends <paramref name="row"/>; its outcome, or null when <paramref name="cancellationToken"/> stopped the send (the lease then expires).</summary>
    private async Task<Outcome?> SendAsync(Claimed row, Document? document, DistributionOptions o, CancellationToken cancellationToken)
    {
        using var logScope = logger.BeginScope(Telemetry.LogScope.Message(row.Id, row.MessageId, row.PlanId));
        var delay = Math.Min(o.RetryMaxSeconds, o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, row.Attempts - 1)));
        try
        {
            await transport.SendAsync(Mail(row, document, o), cancellationToken);
            return new Outcome(row.Id, "sent", null, 0, row.Category);
        }
        catch (MailTransportException e)
        {
            var status = e.Failure == MailFailure.Permanent || row.Attempts >= o.MaxAttempts ? "failed" : "retrying";
            logger.LogWarning("Message {MessageId} to {Address}: {Status} after attempt {Attempt}: {Error}", row.MessageId, row.Address, status, row.Attempts, e.Message);
            return new Outcome(row.Id, status, e.Message, delay, row.Category);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // the lease expires and another sender (or this one, restarted) takes the row over
        }
        catch (Exception e)
        {
            logger.LogError(e, "Message {MessageId} to {Address} could not be sent", row.MessageId, row.Address);
            return new Outcome(row.Id, row.Attempts >= o.MaxAttempts ? "failed" : "retrying", e.Message, delay, row.Category);
        }
    }
}

/// <summary>Delivery rows of a plan, and the clerk's resend.</summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource)
{
    /// <summary>One delivery as listed for the clerk.</summary>
    public sealed record Delivery(Guid Id, string Address, string RecipientName, string Lines, string Purpose, string Status, int Attempts,
        string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string MessageId, string Subject);

    /// <summary>The deliveries of a plan of the actor's body, by recipient name.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public async Task<IReadOnlyList<Delivery>> ListAsync(Guid planId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Plans.PlanAccess.RequireAsync(connection, planId, actor, ct);
        return (await connection.QueryAsync<Delivery>(new CommandDefinition("""
            SELECT id, address, recipient_name, lines, purpose, status, attempts, last_error, next_attempt_at, sent_at, message_id, subject
            FROM outgoing_messages WHERE plan_id = @planId AND category = 'release' ORDER BY recipient_name, address
            """, new { planId }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The reminders (category <c>duty-reminder</c>) a plan of the actor's body queued for its own units' duties, by due
    /// time: <see cref="Delivery.NextAttemptAt"/> is when each is (or was) due.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public async Task<IReadOnlyList<Delivery>> RemindersAsync(Guid planId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Plans.PlanAccess.RequireAsync(connection, planId, actor, ct);
        return (await connection.QueryAsync<Delivery>(new CommandDefinition("""
            SELECT id, address, recipient_name, lines, purpose, status, attempts, last_error, next_attempt_at, sent_at, message_id, subject
            FROM outgoing_messages WHERE plan_id = @planId AND category = 'duty-reminder' ORDER BY next_attempt_at, recipient_name
            """, new { planId }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The body (issuing body code) a message belongs to: its plan's, or the reporting schedule's of the request or
    /// period it concerns. A message that names neither belongs to no body and is listed for none.
    /// </summary>
    private const string MessageBody = """
        FROM outgoing_messages m
        LEFT JOIN plans p ON p.id = m.plan_id
        LEFT JOIN report_requests rq ON rq.id = m.reference_id
        LEFT JOIN reporting_periods pe ON pe.id = m.reference_id
        LEFT JOIN reporting_schedules s ON s.id = coalesce(rq.schedule_id, pe.schedule_id)
        WHERE coalesce(s.body_code, p.body_code) = @bodyCode
        """;

    /// <summary>
    /// One page of the messages of one body, newest first: words found in the subject, the recipient's name or the
    /// address, and a delivery status (<c>queued</c>, <c>sending</c>, <c>sent</c>, <c>retrying</c>, <c>failed</c>), with
    /// the total matching and the counts by status (the words applied, not the status).
    /// </summary>
    /// <param name="bodyCode">The issuing body's code, e.g. <c>PGDĐT</c>.</param>
    /// <param name="text">Words to find, or null for all.</param>
    /// <param name="status">One status, or null for all.</param>
    /// <param name="page">Page number from 1 (clamped to the last page).</param>
    /// <param name="pageSize">Rows per page, 1–500.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(IReadOnlyList<Delivery> Items, int Total, int Page, IReadOnlyDictionary<string, int> ByStatus)> SearchAsync(
        string bodyCode, string? text, string? status, int page, int pageSize, CancellationToken ct = default)
    {
        var size = Math.Clamp(pageSize, 1, 500);
        var like = string.IsNullOrWhiteSpace(text) ? null
            : "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var wanted = string.IsNullOrWhiteSpace(status) ? null : status;
        const string Words = "AND (@like::text IS NULL OR m.subject ILIKE @like OR m.recipient_name ILIKE @like OR m.address ILIKE @like)";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var counts = (await connection.QueryAsync<(string Status, int Count)>(new CommandDefinition(
            $"SELECT m.status, count(*)::int {MessageBody} {Words} GROUP BY m.status", new { bodyCode, like }, cancellationToken: ct)))
            .ToDictionary(r => r.Status, r => r.Count);
        var total = wanted is null ? counts.Values.Sum() : counts.GetValueOrDefault(wanted);
        var current = Math.Clamp(page, 1, Math.Max(1, (total + size - 1) / size));
        var items = (await connection.QueryAsync<Delivery>(new CommandDefinition($"""
            SELECT m.id, m.address, m.recipient_name, m.lines, m.purpose, m.status, m.attempts, m.last_error, m.next_attempt_at,
                   m.sent_at, m.message_id, m.subject
            {MessageBody} {Words} AND (@wanted::text IS NULL OR m.status = @wanted)
            ORDER BY m.created_at DESC, m.id LIMIT @size OFFSET @offset
            """, new { bodyCode, like, wanted, size, offset = (current - 1) * size }, cancellationToken: ct))).AsList();
        return (items, total, current, counts);
    }

    /// <summary>Which of <paramref name="messageIds"/> (Message-ID headers, <c>&lt;…@workflows.local&gt;</c>) belong to <paramref name="bodyCode"/>.</summary>
    public async Task<IReadOnlySet<string>> OfBodyAsync(string bodyCode, IReadOnlyCollection<string> messageIds, CancellationToken ct = default)
    {
        if (messageIds.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT m.message_id {MessageBody} AND m.message_id = ANY(@ids)
            """, new { bodyCode, ids = messageIds.ToArray() }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Queues again, on <paramref name="work"/>, a message that failed or was refused (its body, with any personal link,
    /// is still whole: only a sent message is redacted); returns false, changing nothing, when it is not failed.
    /// </summary>
    public static async Task<bool> RequeueFailedAsync(Storage.UnitOfWork work, Guid messageId, CancellationToken ct) =>
        await work.ExecuteAsync(
            "UPDATE outgoing_messages SET status = 'queued', attempts = 0, next_attempt_at = now() WHERE id = @messageId AND status = 'failed'",
            new { messageId }, ct) == 1;

    /// <summary>True when <paramref name="actor"/> may send a failed delivery of a released plan again (a Clerk), the rule of <see cref="ResendAsync"/>.</summary>
    public static bool MayResend(Actor actor) => actor.IsIn(Roles.Clerk);

    /// <summary>
    /// Queues one delivery of a plan of the actor's body again now (Clerk): only a message that failed or was refused (a
    /// sent message's body no longer holds its personal link; a queued or retrying one is on its way).
    /// </summary>
    /// <exception cref="WorkflowException">No such plan or delivery (404); another body's plan, or not a Clerk (403); not failed (409).</exception>
    public async Task ResendAsync(Guid planId, Guid deliveryId, Actor actor, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var work = await Storage.UnitOfWork.BeginAsync(dataSource, ct);
        await Plans.PlanAccess.RequireAsync(work, planId, actor, ct);
        if (!MayResend(actor)) throw WorkflowException.Forbidden("Chỉ văn thư mới gửi lại được.");
        var status = await work.ExecuteScalarAsync<string?>(
            "SELECT status FROM outgoing_messages WHERE id = @deliveryId AND plan_id = @planId FOR UPDATE", new { deliveryId, planId }, ct)
            ?? throw WorkflowException.NotFound("Lượt gửi");
        if (status != "failed") throw WorkflowException.Conflict(status switch
        {
            "sent" => "Thư đã được máy chủ thư nhận; chỉ gửi lại thư bị lỗi hoặc bị từ chối.",
            "withdrawn" => "Thư đã rút lại vì kế hoạch đã thu hồi.",
            _ => "Thư đang được gửi hoặc chờ gửi lại tự động; chỉ gửi lại thư bị lỗi hoặc bị từ chối.",
        });
        work.Queue("UPDATE outgoing_messages SET status = 'queued', attempts = 0, next_attempt_at = now() WHERE id = $1", deliveryId);
        Audit.AuditTrail.Audit(work, now, actor.UserName, "plan.delivery-resent", planId, null, null, new { deliveryId, previous = status });
        await work.CommitAsync(ct);
    }
}
