using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Storage;

namespace Workflows.Distribution.Receipts;

/// <summary>
/// Receipts of a released plan (Nghị định 30/2020, Phụ lục VI: the sender sees each recipient's receipt), the only
/// writer of <c>release_receipts</c>. Every release message carries a personal "Xác nhận đã nhận" link
/// (<c>{PublicBaseUrl}/xac-nhan/{token}</c>, <see cref="SecretTokens"/>: random, only its SHA-256 stored, valid
/// <see cref="ReceiptOptions.LinkValidDays"/> days); the recipient's page records the acknowledgement once
/// (<see cref="AcknowledgeAsync"/>, idempotent, audited); the clerk follows each recipient (<see cref="ProgressAsync(Guid, Actor, DeliveryQuery?, CancellationToken)"/>);
/// a recipient whose message was sent and who has not acknowledged after <see cref="ReceiptOptions.ReminderWorkingDays"/>
/// working days gets exactly one reminder, with a link of its own (<see cref="RemindDueAsync"/>, one set-based statement
/// run by the recurring catch-up job).
/// </summary>
public sealed class ReleaseReceipts(NpgsqlDataSource dataSource, IWorkingCalendar calendar, IOptions<ReceiptOptions> options)
{
    /// <summary>Path of the recipient's page; the token follows: <c>/xac-nhan/{token}</c>.</summary>
    public const string PathPrefix = "/xac-nhan/";

    /// <summary>Category of the reminder messages in the outbox.</summary>
    public const string ReminderCategory = "receipt-reminder";

    private string BaseUrl => (options.Value.PublicBaseUrl ?? "http://localhost:5080").TrimEnd('/') + PathPrefix;

    /// <summary>A new link for one recipient: the absolute address to put in its email and the hash to store.</summary>
    internal (string Link, byte[] Hash) NewLink()
    {
        var (token, hash) = SecretTokens.Create();
        return (BaseUrl + token, hash);
    }

    /// <summary>
    /// When a plan released at <paramref name="releasedAt"/> reminds its recipients: <see cref="ReceiptOptions.ReminderTime"/>
    /// (Vietnam time) of the <see cref="ReceiptOptions.ReminderWorkingDays"/>-th working day after the release day.
    /// </summary>
    public DateTimeOffset RemindAt(DateTimeOffset releasedAt)
    {
        var day = calendar.AddWorkingDays(VietnamTime.ToVietnamDate(releasedAt), Math.Max(1, options.Value.ReminderWorkingDays));
        return VietnamTime.StartOfDay(day).Add(options.Value.ReminderTime.ToTimeSpan()).ToUniversalTime();
    }

    /// <summary>
    /// Queues on the release's (or the supplementary send's) unit of work one receipt per recipient address, with the hash of
    /// the link put in its message.
    /// </summary>
    internal void Record(UnitOfWork work, Guid planId, IReadOnlyList<(string Address, string Name, Guid? EntryId, byte[] Hash)> rows, DateTimeOffset now)
    {
        if (rows.Count == 0) return;
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO release_receipts (id, plan_id, address, recipient_name, entry_id, token_hash, created_at, expires_at, remind_at)
            SELECT gen_random_uuid(), $1, a, n, e, h, $2, $3, $4
            FROM unnest($5::text[], $6::text[], $7::uuid[], $8::bytea[]) AS t(a, n, e, h)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = now.AddDays(Math.Max(1, options.Value.LinkValidDays)).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = RemindAt(now).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Address).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (object?)r.EntryId ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        work.Queue(command);
    }

    private sealed record Row(Guid Id, Guid PlanId, string RecipientName, string Address, Guid? EntryId, DateTimeOffset ExpiresAt,
        DateTimeOffset? AcknowledgedAt, bool ByReminder, string? Symbol, string Subject, string PlanStatus, string? RecallReason);

    private const string SelectByHash =
        """
        SELECT r.id, r.plan_id, r.recipient_name, r.address, r.entry_id, r.expires_at, r.acknowledged_at,
               coalesce(r.reminder_token_hash = @hash, false) AS by_reminder, p.symbol, p.subject, p.status AS plan_status,
               c.reason AS recall_reason
        FROM release_receipts r
        JOIN plans p ON p.id = r.plan_id
        LEFT JOIN plan_recalls c ON c.plan_id = r.plan_id
        WHERE r.token_hash = @hash OR r.reminder_token_hash = @hash
        """;

    /// <summary>What <paramref name="token"/> opens at <paramref name="now"/> (UTC), without recording anything.</summary>
    public async Task<ReceiptLookup> LookUpAsync(string? token, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!SecretTokens.IsWellFormed(token)) return new ReceiptLookup(ReceiptLinkState.Malformed, null, null, null, null, null);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectByHash, new { hash = SecretTokens.Hash(token!) }, cancellationToken: ct));
        return View(row, now);
    }

    /// <summary>
    /// Records that the recipient of <paramref name="token"/> received the plan, at <paramref name="now"/> (UTC), with an
    /// audit record (<c>plan.receipt-acknowledged</c>, by <c>recipient:{entry or address}</c>, with the client's address).
    /// Idempotent: a second acknowledgement, by the same link or the reminder's, changes and records nothing and answers
    /// the first one's time. Nothing is recorded for a malformed, unknown or expired link, or a recalled plan.
    /// </summary>
    public async Task<ReceiptLookup> AcknowledgeAsync(string? token, string? clientAddress, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!SecretTokens.IsWellFormed(token)) return new ReceiptLookup(ReceiptLinkState.Malformed, null, null, null, null, null);
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var row = await work.QuerySingleOrDefaultAsync<Row>(SelectByHash + " FOR UPDATE OF r", new { hash = SecretTokens.Hash(token!) }, ct);
        var view = View(row, now);
        if (view.State != ReceiptLinkState.Open)
        {
            await work.RollbackAsync(ct);
            return view;
        }
        work.Queue("UPDATE release_receipts SET acknowledged_at = $1 WHERE id = $2 AND acknowledged_at IS NULL", now, row!.Id);
        work.Audit(now, $"recipient:{row.EntryId?.ToString() ?? row.Address}", "plan.receipt-acknowledged", row.PlanId, null, null, new
        {
            receiptId = row.Id,
            recipient = row.RecipientName,
            address = row.Address,
            via = row.ByReminder ? "reminder" : "release",
            clientAddress,
        });
        await work.CommitAsync(ct);
        return view with { State = ReceiptLinkState.Acknowledged, AcknowledgedAt = now };
    }

    private static ReceiptLookup View(Row? row, DateTimeOffset now) => row is null
        ? new ReceiptLookup(ReceiptLinkState.Unknown, null, null, null, null, null)
        : new ReceiptLookup(
            row.PlanStatus == PlanStatus.Recalled ? ReceiptLinkState.Recalled
            : row.AcknowledgedAt is not null ? ReceiptLinkState.Acknowledged
            : now >= row.ExpiresAt ? ReceiptLinkState.Expired
            : ReceiptLinkState.Open,
            row.Symbol, row.Subject, row.RecipientName, row.AcknowledgedAt, row.RecallReason);

    /// <summary>
    /// Each recipient of a released plan of the actor's body with its release message's state and its receipt, and the
    /// counts (queued, sent, acknowledged, failed, withdrawn): the plan page's delivery panel and
    /// <c>GET /api/plans/{id}/receipts</c>.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public async Task<DeliveryProgress> ProgressAsync(Guid planId, Actor actor, CancellationToken ct = default) =>
        await ProgressAsync(planId, actor, null, ct);

    /// <summary>
    /// As <see cref="ProgressAsync(Guid, Actor, CancellationToken)"/>, with the recipients listed one page at a time:
    /// those whose name or address contains <paramref name="query"/>'s words (case-insensitive) and in its state, in
    /// its order; the counts are of every recipient. Null <paramref name="query"/>: every recipient by name.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404), another body's plan (403); an unknown state or order (422, field <c>state</c> or <c>sort</c>).</exception>
    public async Task<DeliveryProgress> ProgressAsync(Guid planId, Actor actor, DeliveryQuery? query, CancellationToken ct = default)
    {
        var order = (query?.Sort ?? "ten") switch
        {
            "ten" or "" => "m.recipient_name, m.address",
            "dia-chi" => "m.address, m.recipient_name",
            "tinh-trang" => "state_order, m.recipient_name, m.address",
            _ => throw WorkflowException.Invalid("sort", "Chọn cách sắp xếp trong danh sách."),
        };
        var state = string.IsNullOrWhiteSpace(query?.State) ? null : query.State;
        if (state is not null && !DeliveryQuery.States.Contains(state)) throw WorkflowException.Invalid("state", "Chọn một tình trạng trong danh sách.");
        var text = string.IsNullOrWhiteSpace(query?.Text) ? null
            : "%" + query.Text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await PlanAccess.RequireAsync(connection, planId, actor, ct);
        const string Rows =
            """
            SELECT m.id AS delivery_id, m.recipient_name, m.address,
                   CASE WHEN r.acknowledged_at IS NOT NULL THEN 'acknowledged'
                        WHEN m.status IN ('queued', 'sending', 'retrying') THEN 'queued'
                        ELSE m.status END AS state,
                   CASE WHEN m.status = 'failed' THEN 0 WHEN m.status IN ('queued', 'sending', 'retrying') THEN 1
                        WHEN r.acknowledged_at IS NULL AND m.status = 'sent' THEN 2 WHEN r.acknowledged_at IS NOT NULL THEN 3 ELSE 4 END AS state_order,
                   m.status AS message_status, m.attempts, m.last_error, m.sent_at, r.acknowledged_at, r.reminded_at
            FROM outgoing_messages m
            LEFT JOIN release_receipts r ON r.plan_id = m.plan_id AND lower(r.address) = lower(m.address)
            WHERE m.plan_id = @planId AND m.category = 'release'
            """;
        var counts = (await connection.QueryAsync<(string State, bool Matches, int Count)>(new CommandDefinition(
            $"SELECT state, (@text::text IS NULL OR recipient_name ILIKE @text OR address ILIKE @text), count(*)::int FROM ({Rows}) d GROUP BY 1, 2",
            new { planId, text }, cancellationToken: ct))).AsList();
        int Count(string s) => counts.Where(c => c.State == s).Sum(c => c.Count);
        var matching = counts.Where(c => c.Matches && (state is null || c.State == state)).Sum(c => c.Count);
        var size = query is null ? Math.Max(1, matching) : Math.Clamp(query.PageSize, 1, 500);
        var page = query is null ? 1 : Math.Clamp(query.Page, 1, Math.Max(1, (matching + size - 1) / size));
        var rows = (await connection.QueryAsync<RecipientDelivery>(new CommandDefinition(
            $"""
            SELECT delivery_id, recipient_name, address, state, message_status, attempts, last_error, sent_at, acknowledged_at, reminded_at
            FROM ({Rows}) m
            WHERE (@text::text IS NULL OR m.recipient_name ILIKE @text OR m.address ILIKE @text) AND (@state::text IS NULL OR m.state = @state)
            ORDER BY {order} LIMIT @size OFFSET @offset
            """, new { planId, text, state, size, offset = (page - 1) * size }, cancellationToken: ct))).AsList();
        return new DeliveryProgress(Count("queued"), Count("sent"), Count("acknowledged"), Count("failed"), Count("withdrawn"), rows)
        {
            Matching = matching, Page = page, PageSize = size,
        };
    }

    /// <summary>
    /// The reminder step at <paramref name="now"/> (UTC), set-based: every receipt whose reminder is due, not acknowledged,
    /// never reminded, whose release message was sent and whose plan is still released gets, in one statement, its
    /// reminder time, a new link (its token made by PostgreSQL from two <c>gen_random_uuid()</c>, 244 random bits, only its
    /// SHA-256 kept; the receipt then stays valid <see cref="ReceiptOptions.LinkValidDays"/> days from now) and one
    /// message (category <see cref="ReminderCategory"/>, dedup key <c>receipt-reminder:{receiptId}</c>, body redacted
    /// once sent). Two nodes running it at once skip each other's rows; a receipt is never reminded twice. Returns the
    /// number of reminders queued.
    /// </summary>
    public async Task<int> RemindDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var command = new NpgsqlBatchCommand(
            """
            WITH due AS (
                SELECT r.id, r.address, r.recipient_name, r.entry_id, p.symbol, p.subject,
                       translate(rtrim(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '='),
                                 '+/', '-_') AS token
                FROM release_receipts r
                JOIN plans p ON p.id = r.plan_id
                WHERE r.remind_at <= $1 AND r.acknowledged_at IS NULL AND r.reminded_at IS NULL AND p.status = 'released'
                  AND EXISTS (SELECT 1 FROM outgoing_messages m
                              WHERE m.plan_id = r.plan_id AND m.category = 'release' AND lower(m.address) = lower(r.address) AND m.status = 'sent')
                FOR UPDATE OF r SKIP LOCKED
            ), marked AS (
                UPDATE release_receipts r
                SET reminded_at = $1, reminder_token_hash = sha256(convert_to(due.token, 'UTF8')),
                    expires_at = greatest(r.expires_at, $1 + make_interval(days => $2))
                FROM due WHERE r.id = due.id
            ), messages AS (
                SELECT address, recipient_name, entry_id, format($3, symbol, subject) AS subject,
                       format($4, recipient_name, symbol, subject, $5 || token) AS body,
                       $6 AS category, 'receipt-reminder:' || id AS dedup_key, id AS reference_id, true AS redact_after_send
                FROM due
            )
            """ + OutboxWriter.InsertFrom(work, "messages"));
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, options.Value.LinkValidDays) });
        command.Parameters.Add(new NpgsqlParameter { Value = "[Nhắc xác nhận] [%s] %s" });
        command.Parameters.Add(new NpgsqlParameter { Value = ReminderBody });
        command.Parameters.Add(new NpgsqlParameter { Value = BaseUrl });
        command.Parameters.Add(new NpgsqlParameter { Value = ReminderCategory });
        var queued = await work.ExecuteAsync(command, ct);
        if (queued > 0) work.Audit(now, "system", "plan.receipt-reminders-queued", null, null, null, new { reminders = queued });
        await work.CommitAsync(ct);
        return queued;
    }

    /// <summary>The reminder's text for PostgreSQL's <c>format()</c>: recipient, symbol, subject, link.</summary>
    private const string ReminderBody =
        """
        Kính gửi: %s

        Hệ thống phát hành văn bản đã gửi Kế hoạch số %s về việc %s nhưng chưa nhận được xác nhận của quý cơ quan, đơn vị.

        Đề nghị xác nhận đã nhận văn bản bằng đường dẫn dưới đây (không cần tài khoản):
        %s

        Đây là thư nhắc duy nhất; xin không trả lời thư này.
        """;
}
