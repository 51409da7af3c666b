using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Distribution.Mail;
using Workflows.Kernel;

namespace Workflows.Distribution;

/// <summary>
/// Works the outbox: <see cref="DistributionOptions.Workers"/> workers each claim a few due rows at a time
/// (<see cref="DistributionOptions.ClaimPerWorker"/>) with <c>FOR UPDATE SKIP LOCKED</c> and a lease (<c>claimed_until</c>),
/// send them one after the other, then mark each sent, retrying (4xx, connection failure, timeout; growing delay) or
/// failed (5xx). A worker claims again as soon as its rows are done, so no worker waits for a slow batch of another.
/// Two processes never hold one row; a crashed process's claim expires and the row is sent again with the same
/// Message-ID. The lease must outlast the rows of one claim sent one after the other, each within
/// <see cref="SmtpOptions.TimeoutSeconds"/> (checked at start-up). All times are the database's clock.
/// </summary>
public sealed class OutboxSender(NpgsqlDataSource dataSource, IMailTransport transport, IOptions<DistributionOptions> options, ILogger<OutboxSender> logger,
    Telemetry.WorkflowsMetrics metrics)
{
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private sealed record Claimed(Guid Id, string MessageId, string Address, string RecipientName, string Subject, string Body, int Attempts,
        string Category, Guid? PlanId, string? BodyCode);

    private sealed record Document(Guid Id, string? DocumentName, string? DocumentMediaType, byte[]? DocumentContent);

    /// <summary>What replaces a sent body that held a secret (<see cref="OutboxMessage.RedactAfterSend"/>).</summary>
    public const string RedactedBody = "(Nội dung thư có liên kết riêng đã gửi; không lưu lại.)";

    /// <summary>This sender's claim token.</summary>
    public string Worker => _worker;

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
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await ClaimAsync(perWorker, o, cancellationToken);
                if (batch.Count == 0) return;
                Interlocked.Add(ref worked, batch.Count);
                foreach (var row in batch)
                {
                    var document = row.Category == "release" && row.PlanId is { } p ? await documents.GetOrAdd(p, DocumentAsync) : null;
                    await SendAsync(row, document, o, cancellationToken);
                }
            }
        }, CancellationToken.None)));
        return worked;
    }

    private async Task<IReadOnlyList<Claimed>> ClaimAsync(int count, DistributionOptions o, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Claimed>(new CommandDefinition("""
            WITH expired AS (
                SELECT id FROM outgoing_messages
                WHERE status = 'sending' AND claimed_until < now()
                ORDER BY claimed_until
                LIMIT @count
                FOR UPDATE SKIP LOCKED
            ), due AS (
                SELECT id FROM outgoing_messages
                WHERE status IN ('queued', 'retrying') AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT @count
                FOR UPDATE SKIP LOCKED
            ), picked AS (
                -- Two scans, each in the order of its partial index (outgoing_messages_claimed, outgoing_messages_due), that
                -- stop after @count rows: one scan with OR would read and sort every due row on each claim.
                SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT @count
            )
            UPDATE outgoing_messages m
            SET status = 'sending', claimed_by = @worker, claimed_until = now() + make_interval(secs => @LeaseSeconds), attempts = m.attempts + 1
            FROM picked
            WHERE m.id = picked.id
            RETURNING m.id, m.message_id, m.address, m.recipient_name, m.subject, m.body, m.attempts, m.category, m.plan_id,
                -- the issuing body the message speaks for (its Reply-To): the plan's, or the report request's schedule's
                coalesce((SELECT p.body_code FROM plans p WHERE p.id = m.plan_id),
                         (SELECT s.body_code FROM report_requests r JOIN reporting_schedules s ON s.id = r.schedule_id WHERE r.id = m.reference_id)) AS body_code
            """, new { count, worker = _worker, o.LeaseSeconds }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The attached document of a released plan (read once per plan and run; a released plan's document does not change).</summary>
    private async Task<Document?> DocumentAsync(Guid planId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Document>(new CommandDefinition(
            "SELECT id, document_name, document_media_type, document_content FROM plans WHERE id = @planId", new { planId }));
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

    private async Task SendAsync(Claimed row, Document? document, DistributionOptions o, CancellationToken cancellationToken)
    {
        using var logScope = logger.BeginScope(Telemetry.LogScope.Message(row.Id, row.MessageId, row.PlanId));
        string status;
        string? error = null;
        double delay = 0;
        try
        {
            await transport.SendAsync(Mail(row, document, o), cancellationToken);
            status = "sent";
        }
        catch (MailTransportException e)
        {
            error = e.Message;
            status = e.Failure == MailFailure.Permanent || row.Attempts >= o.MaxAttempts ? "failed" : "retrying";
            delay = Math.Min(o.RetryMaxSeconds, o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, row.Attempts - 1)));
            logger.LogWarning("Message {MessageId} to {Address}: {Status} after attempt {Attempt}: {Error}", row.MessageId, row.Address, status, row.Attempts, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the lease expires and another sender (or this one, restarted) takes the row over
        }
        catch (Exception e)
        {
            error = e.Message;
            status = row.Attempts >= o.MaxAttempts ? "failed" : "retrying";
            delay = Math.Min(o.RetryMaxSeconds, o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, row.Attempts - 1)));
            logger.LogError(e, "Message {MessageId} to {Address} could not be sent", row.MessageId, row.Address);
        }
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outgoing_messages
            SET status = @status, last_error = coalesce(@error, last_error), claimed_by = NULL, claimed_until = NULL,
                sent_at = CASE WHEN @status = 'sent' THEN now() ELSE sent_at END,
                sent_by = CASE WHEN @status = 'sent' THEN @worker ELSE sent_by END,
                body = CASE WHEN @status = 'sent' AND redact_after_send THEN @redacted ELSE body END,
                next_attempt_at = CASE WHEN @status = 'retrying' THEN now() + make_interval(secs => @delay) ELSE next_attempt_at END
            WHERE id = @Id AND claimed_by = @worker AND status = 'sending'
            """, new { status, error, delay, row.Id, worker = _worker, redacted = RedactedBody }));
        if (status == "sent") metrics.MessageSent(row.Category);
        else if (status == "failed") metrics.MessageFailed(row.Category);
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

    /// <summary>The latest messages of all plans (the Host's mail page).</summary>
    public async Task<IReadOnlyList<Delivery>> RecentAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Delivery>(new CommandDefinition("""
            SELECT id, address, recipient_name, lines, purpose, status, attempts, last_error, next_attempt_at, sent_at, message_id, subject
            FROM outgoing_messages ORDER BY created_at DESC, recipient_name LIMIT @limit
            """, new { limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>Queues one delivery of a plan of the actor's body again now (Clerk); refused while it is being sent.</summary>
    /// <exception cref="WorkflowException">No such plan or delivery (404); another body's plan, or not a Clerk (403); being sent (409).</exception>
    public async Task ResendAsync(Guid planId, Guid deliveryId, Actor actor, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var work = await Storage.UnitOfWork.BeginAsync(dataSource, ct);
        await Plans.PlanAccess.RequireAsync(work, planId, actor, ct);
        if (!actor.IsIn(Roles.Clerk)) throw WorkflowException.Forbidden("Chỉ văn thư mới gửi lại được.");
        var status = await work.ExecuteScalarAsync<string?>(
            "SELECT status FROM outgoing_messages WHERE id = @deliveryId AND plan_id = @planId FOR UPDATE", new { deliveryId, planId }, ct)
            ?? throw WorkflowException.NotFound("Lượt gửi");
        if (status == "sending") throw WorkflowException.Conflict("Thư đang được gửi; thử lại sau.");
        work.Queue("UPDATE outgoing_messages SET status = 'queued', attempts = 0, next_attempt_at = now() WHERE id = $1", deliveryId);
        Audit.AuditTrail.Audit(work, now, actor.UserName, "plan.delivery-resent", planId, null, null, new { deliveryId, previous = status });
        await work.CommitAsync(ct);
    }
}
