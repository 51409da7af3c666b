using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>What one run of the reporting cycle did.</summary>
/// <param name="PeriodsOpened">Periods opened (their requests queued).</param>
/// <param name="StepsDone">Period steps done (reminders, notices, summaries).</param>
/// <param name="MessagesQueued">Messages written to the outbox.</param>
/// <param name="PeriodsClosed">Periods closed.</param>
internal sealed record CycleResult(int PeriodsOpened, int StepsDone, int MessagesQueued, int PeriodsClosed);

/// <summary>
/// The idempotent heart of the report-submission workflow: <see cref="RunDueAsync"/> performs every step whose time has
/// come at <c>now</c> and that is not yet done — opening periods (one request with a personal link per school), reminders
/// to schools without a submission, overdue notices (marking the requests overdue), the leaders' summary — then closes
/// periods past their closing time. Each step of each period runs in its own transaction under the period's row lock
/// (<c>FOR UPDATE SKIP LOCKED</c>, <c>FOR NO KEY UPDATE</c> for the steps after the opening: a second node skips what the
/// first is doing; a step over many schools writes its parts in parallel transactions first, see PerSchoolAsync), is recorded once in
/// <c>reporting_steps_done</c> (per request and per period; a request's overdue notice as its <c>overdue_at</c>) and writes its emails with dedup keys
/// <c>report:{requestId}:{step}</c>, so a step never runs twice, on one node or several, and a step missed while every
/// node was down runs once at the next run. Every bulk step is a few set-based statements (arrays, unnest, INSERT … SELECT).
/// </summary>
internal sealed class ReportingCycle(
    NpgsqlDataSource dataSource,
    WorkflowDefinitionCatalog catalog,
    IWorkingCalendar calendar,
    IOptions<ReportingOptions> options,
    IOptions<OrganisationOptions> organisation,
    Telemetry.WorkflowsMetrics metrics,
    ILogger<ReportingCycle> logger)
{
    /// <summary>
    /// Runs the due, not yet done steps of one period at <paramref name="now"/> (UTC), in the definition's order: its
    /// opening when that is due and the period is still scheduled, then each due step. What a step's delayed job does:
    /// nothing when it fires early (the instant moved), when the steps are done (a second run, a retry) or when the
    /// schedule was cancelled.
    /// </summary>
    public async Task<CycleResult> RunPeriodAsync(Guid periodId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        now = now.ToUniversalTime();
        int opened = 0, messages = 0;
        if (await OpenNextAsync(now, periodId, cancellationToken) is { } queued)
        {
            opened = 1;
            messages = queued;
        }
        var (steps, sent) = await RunStepsAsync(periodId, now, cancellationToken);
        if (opened + steps > 0)
            logger.LogInformation("Reporting period {Period} at {Now:u}: {Opened} opened, {Steps} steps done, {Messages} messages queued",
                periodId, now, opened, steps, messages + sent);
        return new CycleResult(opened, steps, messages + sent, 0);
    }

    /// <summary>
    /// Runs every step due at <paramref name="now"/> (UTC) that is not yet done, in every period, then closes the periods
    /// past their closing time: the recurring catch-up (nodes down at a step's instant, a period created before its jobs,
    /// an edited holiday calendar).
    /// </summary>
    public async Task<CycleResult> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        now = now.ToUniversalTime();
        int opened = 0, steps = 0, messages = 0;
        while (await OpenNextAsync(now, null, cancellationToken) is { } queued)
        {
            opened++;
            messages += queued;
        }
        List<Guid> open;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            open = (await connection.QueryAsync<Guid>(new CommandDefinition(
                """
                SELECT p.id FROM reporting_periods p JOIN reporting_schedules s ON s.id = p.schedule_id
                WHERE p.state = 'open' AND s.status <> 'cancelled' ORDER BY p.deadline
                """, cancellationToken: cancellationToken))).ToList();
        }
        foreach (var periodId in open)
        {
            var (done, sent) = await RunStepsAsync(periodId, now, cancellationToken);
            steps += done;
            messages += sent;
        }
        int closed;
        await using (var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken))
        {
            closed = await work.ExecuteAsync(
                """
                UPDATE reporting_periods p SET state = 'closed'
                WHERE p.state = 'open' AND p.closes_at <= @now;
                UPDATE reporting_schedules s SET status = 'ended'
                WHERE s.status = 'active' AND s.ends_on < @today
                  AND NOT EXISTS (SELECT 1 FROM reporting_periods p WHERE p.schedule_id = s.id AND p.state <> 'closed');
                """, new { now, today = VietnamTime.ToVietnamDate(now) }, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }
        if (opened + steps + closed > 0)
            logger.LogInformation("Reporting cycle at {Now:u}: {Opened} periods opened, {Steps} steps done, {Messages} messages queued",
                now, opened, steps, messages);
        return new CycleResult(opened, steps, messages, closed);
    }

    private sealed record PeriodRow(Guid Id, Guid ScheduleId, string Label, DateTimeOffset OpensAt, DateOnly CutOffFrom, DateOnly CutOffTo,
        DateOnly DueOn, DateTimeOffset Deadline, DateTimeOffset ClosesAt, string State, string Title, string BodyCode, string Target,
        string DefinitionId, int DefinitionVersion, string? PlanSymbol, Guid? PlanId, string ScheduleStatus);

    private const string PeriodSelect =
        """
        SELECT p.id AS "Id", p.schedule_id AS "ScheduleId", p.label AS "Label", p.opens_at AS "OpensAt", p.cut_off_from AS "CutOffFrom",
               p.cut_off_to AS "CutOffTo", p.due_on AS "DueOn", p.deadline AS "Deadline", p.closes_at AS "ClosesAt", p.state AS "State",
               s.title AS "Title", s.body_code AS "BodyCode", s.target::text AS "Target", s.definition_id AS "DefinitionId",
               s.definition_version AS "DefinitionVersion", pl.symbol AS "PlanSymbol", s.plan_id AS "PlanId", s.status AS "ScheduleStatus"
        FROM reporting_periods p JOIN reporting_schedules s ON s.id = p.schedule_id LEFT JOIN plans pl ON pl.id = s.plan_id
        """;

    /// <summary>
    /// Opens the earliest period due to open (only <paramref name="periodId"/> when given) that no other node is opening;
    /// null when there is none.
    /// </summary>
    private async Task<int?> OpenNextAsync(DateTimeOffset now, Guid? periodId, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        var period = await work.QuerySingleOrDefaultAsync<PeriodRow>(
            PeriodSelect + """
                 WHERE p.state = 'scheduled' AND p.opens_at <= @now AND s.status = 'active' AND (@periodId::uuid IS NULL OR p.id = @periodId)
                ORDER BY p.opens_at LIMIT 1 FOR UPDATE OF p SKIP LOCKED
                """,
            new { now, periodId }, cancellationToken);
        if (period is null) return null;
        var definition = await catalog.GetAsync(period.DefinitionId, period.DefinitionVersion, cancellationToken);
        var step = definition.NotifySteps.First(s => s.Notify!.Send == "request");
        var members = await ReportingScheduleStore.MembersAsync(work, ReportingScheduleStore.TargetIds(period.Target), cancellationToken);
        var text = Text(period);
        var subject = ReportingMessages.RequestSubject(text);
        var n = members.Count;
        var ids = new Guid[n];
        var hashes = new byte[n][];
        var bodies = new string[n];
        var baseUrl = options.Value.PublicBaseUrl;
        for (var i = 0; i < n; i++)
        {
            ids[i] = Guid.NewGuid();
            var (token, hash) = ReportTokens.Create();
            hashes[i] = hash;
            bodies[i] = ReportingMessages.RequestBody(text, members[i].Name, ReportTokens.Link(baseUrl, token));
        }
        var command = new NpgsqlBatchCommand(
            """
            WITH input AS (
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bytea[], $6::text[])
                    AS t(id, entry_id, name, address, hash, body)
            ), requests AS (
                -- The period is 'scheduled' and locked: no request of it exists yet, so a conflict here is a bug, not a race.
                INSERT INTO report_requests (id, period_id, schedule_id, entry_id, school_name, address, token_hash, requested_at)
                SELECT id, $7, $8, entry_id, name, address, hash, $9 FROM input
            ), done AS (
                INSERT INTO reporting_steps_done (period_id, request_id, step, done_at)
                SELECT $7, id, $10, $9 FROM input
            ), messages AS (
                SELECT address, name AS recipient_name, entry_id, $11 AS subject, body, 'report-request' AS category,
                       'report:' || id || ':' || $10 AS dedup_key, id AS reference_id, true AS redact_after_send
                FROM input
            )
            """ + OutboxWriter.InsertFrom(work, "messages"));
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = members.Select(m => m.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = members.Select(m => m.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = members.Select(m => m.Email).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = bodies, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = period.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = period.ScheduleId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = step.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        var queued = await work.ExecuteAsync(command, cancellationToken);
        work.Queue("UPDATE reporting_periods SET state = 'open' WHERE id = $1", period.Id);
        work.Queue("INSERT INTO reporting_steps_done (period_id, request_id, step, done_at) VALUES ($1, NULL, $2, $3) ON CONFLICT DO NOTHING",
            period.Id, step.Id, now);
        work.Audit(now, "system", "reporting.period-opened", null, null, null,
            new { scheduleId = period.ScheduleId, periodId = period.Id, period.Label, requests = queued, deadline = period.Deadline });
        await work.CommitAsync(cancellationToken);
        return queued;
    }

    /// <summary>Runs the due, not yet done steps of one open period, each in its own transaction.</summary>
    private async Task<(int Steps, int Messages)> RunStepsAsync(Guid periodId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int steps = 0, messages = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var period = await connection.QuerySingleOrDefaultAsync<PeriodRow>(new CommandDefinition(PeriodSelect + " WHERE p.id = @periodId",
            new { periodId }, cancellationToken: cancellationToken));
        // Not opened yet (not due, or another node is opening it), closed, deleted by an edit, or its schedule cancelled.
        if (period is not { State: "open" } || period.ScheduleStatus == "cancelled") return (0, 0);
        var done = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT step FROM reporting_steps_done WHERE period_id = @periodId AND request_id IS NULL", new { periodId },
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var definition = await catalog.GetAsync(period.DefinitionId, period.DefinitionVersion, cancellationToken);
        var lastDay = calendar.LastDay(period.DueOn);
        foreach (var step in definition.NotifySteps)
        {
            var notify = step.Notify!;
            if (notify.Send == "request" || done.Contains(step.Id)) continue;
            var at = SchedulePlanner.StepTime(notify, period.OpensAt, lastDay, calendar);
            if (at > now) break;
            await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
            // FOR NO KEY UPDATE: it excludes every other node's step, opening and edit of this period as FOR UPDATE would,
            // but not the foreign-key checks (FOR KEY SHARE) of the per-request rows that the parts of a large step write in
            // transactions of their own (PerSchoolAsync) while this one waits for them.
            var locked = await work.ExecuteScalarAsync<Guid?>(
                """
                SELECT p.id FROM reporting_periods p JOIN reporting_schedules s ON s.id = p.schedule_id
                WHERE p.id = @periodId AND p.state = 'open' AND s.status <> 'cancelled' FOR NO KEY UPDATE OF p SKIP LOCKED
                """, new { periodId }, cancellationToken);
            if (locked is null) return (steps, messages);
            var already = await work.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM reporting_steps_done WHERE period_id = @periodId AND request_id IS NULL AND step = @Id)",
                new { periodId, step.Id }, cancellationToken);
            if (already)
            {
                await work.RollbackAsync(cancellationToken);
                continue;
            }
            var text = Text(period);
            var sent = notify.Send switch
            {
                // A reminder timed before the period opened (activated late), or caught up after the deadline (every node
                // was down), is recorded as done without a message: "còn 3 ngày" after the deadline would mislead.
                "reminder" when at < period.OpensAt || now >= period.Deadline => 0,
                "reminder" => await PerSchoolAsync(work, period, step.Id, now, markOverdue: false, "reminder",
                    ReportingMessages.ReminderSubject(text, -notify.WorkingDays),
                    ReportingMessages.ReminderBody(text), cancellationToken),
                "overdueNotice" => await PerSchoolAsync(work, period, step.Id, now, markOverdue: true, "overdue",
                    ReportingMessages.OverdueSubject(text), ReportingMessages.OverdueBody(text), cancellationToken),
                _ => await LeadersSummaryAsync(work, period, step.Id, notify.Group ?? options.Value.LeadersGroup, text, cancellationToken),
            };
            work.Queue("INSERT INTO reporting_steps_done (period_id, request_id, step, done_at) VALUES ($1, NULL, $2, $3)", periodId, step.Id, now);
            work.Audit(now, "system", "reporting.step-done", null, null, null,
                new { scheduleId = period.ScheduleId, periodId, period.Label, step = step.Id, send = notify.Send, messages = sent });
            await work.CommitAsync(cancellationToken);
            // One overdue notice per request marked overdue in this step (the UPDATE … RETURNING feeds the notices).
            if (notify.Send == "overdueNotice") metrics.RequestsOverdue(sent, period.BodyCode);
            steps++;
            messages += sent;
        }
        return (steps, messages);
    }

    /// <summary>Open requests from which a per-school step is split into parts that run at once (<see cref="PerSchoolAsync"/>).</summary>
    internal const int PartsFrom = 5_000;

    /// <summary>
    /// One message to each school of the period without a submission, recorded per request; with
    /// <paramref name="markOverdue"/> also sets <c>overdue_at</c>. Three set-based statements in one. Up to
    /// <see cref="PartsFrom"/> open requests this statement runs in the step's transaction (<paramref name="work"/>). From
    /// there, since one statement runs on one PostgreSQL backend, hence on one core, the requests are split by id into as
    /// many parts as the machine has cores (2–4), each written at once in a transaction of its own and committed before the
    /// step's record: every part is idempotent on its own (the per-request record or <c>overdue_at</c>, and the outbox
    /// dedup key, skip what a committed part did), so a crash between parts and the step's commit leaves requests that
    /// are notified once, and the step's next run notifies the rest. The step's period row lock keeps any other node out
    /// meanwhile.
    /// </summary>
    private async Task<int> PerSchoolAsync(UnitOfWork work, PeriodRow period, string step,
        DateTimeOffset now, bool markOverdue, string category, string subject, string bodyTemplate, CancellationToken cancellationToken)
    {
        var open = await work.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM report_requests WHERE period_id = @Id AND first_submitted_at IS NULL LIMIT @PartsFrom) r",
            new { period.Id, PartsFrom }, cancellationToken);
        var parts = open >= PartsFrom ? Math.Clamp(Environment.ProcessorCount, 2, 4) : 1;
        if (parts == 1)
            return await work.ExecuteAsync(PerSchoolCommand(work, period, step, now, markOverdue, category, subject, bodyTemplate, null, null), cancellationToken);
        var written = await Task.WhenAll(Enumerable.Range(0, parts).Select(async k =>
        {
            await using var part = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
            var count = await part.ExecuteAsync(PerSchoolCommand(part, period, step, now, markOverdue, category, subject, bodyTemplate,
                IdBound(k, parts), IdBound(k + 1, parts)), cancellationToken);
            await part.CommitAsync(cancellationToken);
            return count;
        }));
        return written.Sum();
    }

    /// <summary>The lower id bound of part <paramref name="k"/> of <paramref name="parts"/> (by the id's first byte; null: open).</summary>
    private static Guid? IdBound(int k, int parts) =>
        k <= 0 || k >= parts ? null : Guid.Parse($"{k * 256 / parts:x2}000000-0000-0000-0000-000000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The statement of <see cref="PerSchoolAsync"/> for the requests with <paramref name="from"/> ≤ id &lt; <paramref name="to"/> (null: unbounded).</summary>
    private static NpgsqlBatchCommand PerSchoolCommand(UnitOfWork work, PeriodRow period, string step,
        DateTimeOffset now, bool markOverdue, string category, string subject, string bodyTemplate, Guid? from, Guid? to)
    {
        // No join between CTE results (planned as nested loops on fresh tables): the period's row lock and its step marker
        // make this run the only one; the per-request record and the outbox dedup key still refuse any second copy. The
        // overdue notice's per-request record is the request's overdue_at, set once by the same statement (overdue_at IS
        // NULL), so it writes no row in reporting_steps_done: 100,000 index entries fewer when a period's deadline passes.
        // The same statement writes each newly overdue request's notice, so no notice of those requests can exist: the
        // insert skips ON CONFLICT's speculative insertion (about a third of the insert's cost for 100,000 rows).
        const string part = "($7::uuid IS NULL OR id >= $7) AND ($8::uuid IS NULL OR id < $8)";
        var due = markOverdue
            ? $"UPDATE report_requests SET overdue_at = $3 WHERE period_id = $1 AND first_submitted_at IS NULL AND overdue_at IS NULL AND {part} RETURNING id, entry_id, school_name, address"
            : $"SELECT id, entry_id, school_name, address FROM report_requests WHERE period_id = $1 AND first_submitted_at IS NULL AND {part}";
        var done = markOverdue
            ? ""
            : """
              done AS (
                  INSERT INTO reporting_steps_done (period_id, request_id, step, done_at)
                  SELECT $1, id, $2, $3 FROM due
                  ON CONFLICT DO NOTHING
              ),
              """;
        var command = new NpgsqlBatchCommand(
            $$"""
            WITH due AS ({{due}}),
            {{done}}
            messages AS (
                SELECT address, school_name AS recipient_name, entry_id, $4 AS subject, replace($5, '{school}', school_name) AS body,
                       $6 AS category, 'report:' || id || ':' || $2 AS dedup_key, id AS reference_id, false AS redact_after_send
                FROM due
            )
            """ + OutboxWriter.InsertFrom(work, "messages", skipExisting: !markOverdue));
        command.Parameters.Add(new NpgsqlParameter { Value = period.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = step });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = bodyTemplate });
        command.Parameters.Add(new NpgsqlParameter { Value = category });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        return command;
    }

    /// <summary>One summary to each member of the leaders' group listing every overdue school (nothing when none is overdue).</summary>
    private async Task<int> LeadersSummaryAsync(UnitOfWork work, PeriodRow period, string step,
        string group, ReportingMessages.PeriodText text, CancellationToken cancellationToken)
    {
        var overdue = (await work.QueryAsync<string>(
            "SELECT school_name FROM report_requests WHERE period_id = @Id AND first_submitted_at IS NULL ORDER BY school_name",
            new { period.Id }, cancellationToken)).ToList();
        if (overdue.Count == 0) return 0;
        var requested = await work.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM report_requests WHERE period_id = @Id", new { period.Id }, cancellationToken);
        if (await ReportingScheduleStore.FindGroupAsync(work, group, cancellationToken) is not { } leaders)
        {
            logger.LogWarning("Leaders' group {Group} is not in the directory; summary of period {Period} not sent", group, period.Id);
            return 0;
        }
        var sent = 0;
        foreach (var leader in await ReportingScheduleStore.MembersAsync(work, [leaders.Id], cancellationToken))
        {
            if (await OutboxWriter.EnqueueAsync(work, new OutboxMessage("summary", leader.Email, leader.Name,
                    ReportingMessages.SummarySubject(text, overdue.Count), ReportingMessages.SummaryBody(text, leader.Name, overdue, requested),
                    DedupKey: $"report-period:{period.Id}:{step}:{leader.Id}", ReferenceId: period.Id, EntryId: leader.Id), cancellationToken))
                sent++;
        }
        return sent;
    }

    private ReportingMessages.PeriodText Text(PeriodRow period)
    {
        var office = organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == period.BodyCode)?.Name ?? period.BodyCode;
        var lastDay = calendar.LastDay(period.DueOn);
        return new ReportingMessages.PeriodText(office, period.Title, period.PlanSymbol, period.Label, period.CutOffFrom, period.CutOffTo,
            lastDay, VietnamTime.ToVietnamDate(period.ClosesAt.AddTicks(-1)));
    }
}
