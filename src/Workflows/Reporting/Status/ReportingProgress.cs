using Dapper;
using Npgsql;
using Workflows.Audit;
using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Reporting.Status;

/// <summary>
/// The progress of each opened period of a schedule as its page shows it and refreshes it by itself: the request emails
/// queued, sent, failed or withdrawn and the schools that submitted (<see cref="PeriodsAsync"/>), and the resend of one
/// request whose email failed (<see cref="ResendAsync"/>). A request's email is its latest message of category
/// <c>report-request</c> (the opening) or <c>report-link</c> (a reissued link).
/// </summary>
public sealed class ReportingProgress(NpgsqlDataSource dataSource)
{
    private const string LatestMessage =
        """
        LEFT JOIN LATERAL (
            SELECT m.id, m.status, m.last_error FROM outgoing_messages m
            WHERE m.reference_id = r.id AND m.category IN ('report-request', 'report-link')
            ORDER BY m.created_at DESC LIMIT 1) m ON true
        """;

    /// <summary>
    /// Per period that has requests, in the order of their deadlines: the counts of <see cref="PeriodProgress"/> and the
    /// failed requests. One statement, set-based over the schedule's requests.
    /// </summary>
    /// <exception cref="WorkflowException">No such schedule (404); another body's (403).</exception>
    public async Task<IReadOnlyList<PeriodProgress>> PeriodsAsync(Guid scheduleId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RequireAsync(connection, scheduleId, actor, ct);
        // One statement: each request's latest email is looked up once (an index probe per request) for both the counts and the failures.
        var rows = (await connection.QueryAsync<ProgressRow>(new CommandDefinition(
            $"""
            WITH x AS MATERIALIZED (
                SELECT r.period_id, r.id, r.school_name, r.address, r.first_submitted_at, m.status, m.last_error
                FROM report_requests r {LatestMessage}
                WHERE r.schedule_id = @scheduleId
            )
            SELECT * FROM (
                SELECT p.id AS "PeriodId", p.label AS "Label", p.deadline AS "Deadline",
                       count(*) FILTER (WHERE x.first_submitted_at IS NULL AND x.status IN ('queued', 'sending', 'retrying'))::int AS "Queued",
                       count(*) FILTER (WHERE x.first_submitted_at IS NULL AND (x.status = 'sent' OR x.status IS NULL))::int AS "Sent",
                       count(*) FILTER (WHERE x.first_submitted_at IS NOT NULL)::int AS "Submitted",
                       count(*) FILTER (WHERE x.first_submitted_at IS NULL AND x.status = 'failed')::int AS "Failed",
                       count(*) FILTER (WHERE x.first_submitted_at IS NULL AND x.status = 'withdrawn')::int AS "Withdrawn",
                       NULL::uuid AS "RequestId", NULL::text AS "SchoolName", NULL::text AS "Address", NULL::text AS "LastError"
                FROM x JOIN reporting_periods p ON p.id = x.period_id
                GROUP BY p.id, p.label, p.deadline
                UNION ALL
                SELECT x.period_id, NULL, NULL, 0, 0, 0, 0, 0, x.id, x.school_name, x.address, x.last_error
                FROM x WHERE x.first_submitted_at IS NULL AND x.status = 'failed'
            ) u
            ORDER BY "RequestId" IS NOT NULL, "Deadline", "SchoolName"
            """, new { scheduleId }, cancellationToken: ct))).AsList();
        var failures = rows.Where(r => r.RequestId is not null).ToLookup(f => f.PeriodId);
        return rows.Where(r => r.RequestId is null).Select(c => new PeriodProgress(c.PeriodId, c.Label!, c.Queued, c.Sent, c.Submitted, c.Failed, c.Withdrawn,
            failures[c.PeriodId].Select(f => new FailedRequest(f.RequestId!.Value, f.SchoolName!, f.Address!, f.LastError)).ToList())).ToList();
    }

    /// <summary>A period's counts (no <see cref="RequestId"/>) or one failed request of it.</summary>
    private sealed class ProgressRow
    {
        public Guid PeriodId { get; init; }
        public string? Label { get; init; }
        public DateTime? Deadline { get; init; }
        public int Queued { get; init; }
        public int Sent { get; init; }
        public int Submitted { get; init; }
        public int Failed { get; init; }
        public int Withdrawn { get; init; }
        public Guid? RequestId { get; init; }
        public string? SchoolName { get; init; }
        public string? Address { get; init; }
        public string? LastError { get; init; }
    }

    /// <summary>
    /// Queues again the failed request email of one school (Drafter, Clerk or Admin of the schedule's body), with the
    /// same link; audited <c>reporting.request-resent</c>.
    /// </summary>
    /// <exception cref="WorkflowException">No such request (404); another body's, or a role that may not change schedules (403);
    /// an email that did not fail (409: only a failed or refused email is sent again).</exception>
    public async Task ResendAsync(Guid requestId, Actor actor, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!ScheduleChanges.MayChange(actor)) throw WorkflowException.Forbidden("Chỉ chuyên viên, văn thư hoặc quản trị mới gửi lại được yêu cầu báo cáo.");
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var row = (await work.QueryAsync<(string BodyCode, Guid ScheduleId, Guid? MessageId, string? Status)>(
            $"""
            SELECT s.body_code, r.schedule_id, m.id, m.status
            FROM report_requests r JOIN reporting_schedules s ON s.id = r.schedule_id {LatestMessage}
            WHERE r.id = @requestId
            """, new { requestId }, ct)).SingleOrDefault();
        if (row.BodyCode is null) throw WorkflowException.NotFound("Yêu cầu báo cáo");
        if (row.BodyCode != actor.BodyCode) throw WorkflowException.Forbidden("Yêu cầu báo cáo thuộc cơ quan khác.");
        if (row.MessageId is not { } messageId || !await DeliveryStore.RequeueFailedAsync(work, messageId, ct))
            throw WorkflowException.Conflict("Chỉ gửi lại thư yêu cầu bị lỗi hoặc bị từ chối; thư này đã gửi hoặc đang chờ gửi.");
        work.Audit(now, actor.UserName, "reporting.request-resent", null, null, null, new { requestId, scheduleId = row.ScheduleId, messageId, previous = row.Status });
        await work.CommitAsync(ct);
    }

    /// <summary>
    /// The reports of the actor's body that are overdue at <paramref name="now"/>, at a glance for its leaders: per period
    /// of an active schedule whose deadline has passed with some school that submitted nothing, the numbers asked,
    /// submitted and overdue; the <paramref name="limit"/> periods with the most overdue schools, then the latest deadline.
    /// </summary>
    public async Task<IReadOnlyList<OverduePeriod>> OverdueAsync(Actor actor, DateTimeOffset now, int limit = 5, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<OverduePeriod>(new CommandDefinition(
            """
            SELECT s.id AS schedule_id, s.title, p.id AS period_id, p.label AS period_label, p.deadline,
                   count(*)::int AS asked, count(r.first_submitted_at)::int AS submitted,
                   (count(*) - count(r.first_submitted_at))::int AS overdue
            FROM reporting_schedules s
            JOIN reporting_periods p ON p.schedule_id = s.id AND p.deadline <= @now
            JOIN report_requests r ON r.period_id = p.id
            WHERE s.body_code = @BodyCode AND s.status = 'active'
            GROUP BY s.id, s.title, p.id, p.label, p.deadline
            HAVING count(*) > count(r.first_submitted_at)
            ORDER BY overdue DESC, p.deadline DESC LIMIT @limit
            """, new { actor.BodyCode, now = now.UtcDateTime, limit = Math.Clamp(limit, 0, 50) }, cancellationToken: ct));
        return rows.AsList();
    }

    private static async Task RequireAsync(NpgsqlConnection connection, Guid scheduleId, Actor actor, CancellationToken ct)
    {
        var body = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT body_code FROM reporting_schedules WHERE id = @scheduleId", new { scheduleId }, cancellationToken: ct))
            ?? throw WorkflowException.NotFound("Lịch báo cáo");
        if (body != actor.BodyCode) throw WorkflowException.Forbidden("Lịch báo cáo thuộc cơ quan khác.");
    }
}
