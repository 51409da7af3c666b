using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Distribution;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Reporting.Steps;
using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>
/// Editing and cancelling a reporting schedule (a plan's or a standalone campaign): the use cases behind
/// <c>PUT /api/reporting/schedules/{id}</c>, <c>POST /api/reporting/schedules/{id}/cancel</c> and the schedule's page, and
/// <see cref="CancelPlanSchedulesAsync"/> for a plan that is recalled. Past and running periods keep their history: an
/// edit replaces the periods not yet opened (their pending jobs deleted, the new periods' jobs scheduled) and moves the
/// deadline of an open period whose new deadline is still ahead (its steps rescheduled, its schools told); a
/// cancellation deletes the periods not yet opened and stops every further step of the open ones (requests already
/// sent stay valid until their period closes; no reminder, notice or summary follows), and deletes their pending jobs.
/// </summary>
internal sealed class ScheduleChanges(NpgsqlDataSource dataSource, ReportingScheduleStore store, WorkflowDefinitionCatalog catalog,
    IStepScheduler scheduler, IWorkingCalendar calendar, IOptions<ReportingOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>True for the roles that may edit or cancel a schedule of their body: those that may create one (<see cref="ReportCampaigns.MayCreate"/>).</summary>
    public static bool MayChange(Actor actor) => ReportCampaigns.MayCreate(actor);

    private sealed record ScheduleLock(Guid Id, Guid? PlanId, string BodyCode, string Title, string Status, DateOnly StartsOn, string Target,
        string DefinitionId, int DefinitionVersion);

    private static async Task<ScheduleLock> LockAsync(UnitOfWork work, Guid id, Actor actor, CancellationToken cancellationToken)
    {
        if (!MayChange(actor)) throw WorkflowException.Forbidden("Chỉ chuyên viên, văn thư hoặc quản trị mới sửa hoặc hủy được lịch báo cáo.");
        var row = await work.QuerySingleOrDefaultAsync<ScheduleLock>(
            """
            SELECT id AS "Id", plan_id AS "PlanId", body_code AS "BodyCode", title AS "Title", status AS "Status", starts_on AS "StartsOn",
                   target::text AS "Target", definition_id AS "DefinitionId", definition_version AS "DefinitionVersion"
            FROM reporting_schedules WHERE id = @id FOR UPDATE
            """, new { id }, cancellationToken) ?? throw WorkflowException.NotFound("Lịch báo cáo");
        if (row.BodyCode != actor.BodyCode) throw WorkflowException.Forbidden("Lịch báo cáo thuộc cơ quan khác.");
        return row;
    }

    /// <summary>
    /// Replaces the schedule's title, frequency, rule (due day, months, due date, opening days, cut-off), dates and target
    /// (kept when <see cref="ScheduleInput.Target"/> is null) as <paramref name="input"/> gives them, at the clock's now:
    /// the periods not yet opened are replaced by those of the new rule whose deadline is ahead and whose key no opened
    /// period has; their jobs follow once the change commits. An open period whose due day the new rule changes moves with
    /// it when its current and new deadlines are both still ahead (<see cref="MoveOpenPeriodsAsync"/>). Default year: the
    /// schedule's first year.
    /// </summary>
    /// <exception cref="WorkflowException">Not a Drafter, Clerk or Admin, or another body's (403); no such schedule (404); cancelled or ended (409); bad input (422 naming the field).</exception>
    public async Task<ScheduleView> EditAsync(Guid id, ScheduleInput input, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken))
        {
            var row = await LockAsync(work, id, actor, cancellationToken);
            if (row.Status != "active")
                throw WorkflowException.Conflict("Lịch báo cáo đã hủy hoặc đã kết thúc: không sửa được.");
            var schedule = SchedulePlanner.Check(input, "", row.StartsOn.Year, row.Title, options.Value);
            var target = input.Target is null ? row.Target : await store.CheckTargetAsync(work, input.Target, "", cancellationToken);
            var replaced = (await work.QueryAsync<Guid>(
                "DELETE FROM reporting_periods WHERE schedule_id = @id AND state = 'scheduled' RETURNING id", new { id }, cancellationToken)).ToList();
            var kept = (await work.QueryAsync<string>(
                "SELECT period_key FROM reporting_periods WHERE schedule_id = @id", new { id }, cancellationToken)).ToHashSet(StringComparer.Ordinal);
            await work.ExecuteAsync(
                """
                UPDATE reporting_schedules SET title = @Title, frequency = @frequency, rule = @rule::jsonb, starts_on = @StartsOn, ends_on = @EndsOn,
                       target = @target::jsonb
                WHERE id = @id
                """,
                new
                {
                    id, schedule.Title, frequency = ReportingFrequencies.ToDatabase(schedule.Frequency), rule = JsonSerializer.Serialize(schedule.Rule, Json),
                    schedule.StartsOn, schedule.EndsOn, target,
                }, cancellationToken);
            var definition = await catalog.GetAsync(row.DefinitionId, row.DefinitionVersion, cancellationToken);
            work.AfterCommit(() => scheduler.Cancel(replaced));
            var periods = store.QueuePeriods(work, id, schedule, definition, now, kept);
            var moved = await MoveOpenPeriodsAsync(work, id, schedule, definition, now, cancellationToken);
            work.Audit(now, actor.UserName, "reporting.schedule-edited", row.PlanId, null, null, new
            {
                scheduleId = id, schedule.Title, frequency = ReportingFrequencies.ToApi(schedule.Frequency), rule = schedule.Rule,
                schedule.StartsOn, schedule.EndsOn, target = JsonDocument.Parse(target).RootElement, periodsReplaced = replaced.Count, periods,
                periodsMoved = moved,
            });
            await work.CommitAsync(cancellationToken);
        }
        return await store.GetAsync(id, actor, cancellationToken);
    }

    private sealed record OpenPeriod(Guid Id, string Key, string Label, DateTimeOffset OpensAt, DateOnly DueOn, DateTimeOffset Deadline);

    /// <summary>
    /// Moves, inside the edit's transaction, each open period of schedule <paramref name="id"/> whose deadline is still ahead
    /// of <paramref name="now"/> and whose due day the new rule changes (same period key), when the new deadline is ahead
    /// too: its due day, cut-off, deadline and closing become the new rule's, its opening stays. Schools that have not
    /// submitted and whose link is not revoked are each sent a notice of the new deadline (category
    /// <c>report-deadline</c>, dedup key <c>report-deadline:{requestId}:{lastDay}</c>); once the edit commits, the period's
    /// pending jobs are deleted and its steps still ahead scheduled again at the new instants (a reminder already sent for
    /// the period is not sent again: each step is done once per request). A period past its deadline, or whose new deadline
    /// would already be past, keeps its deadline: no school turns overdue, or stops being so, by an edit.
    /// </summary>
    /// <returns>For the audit record: each period moved, with its former and new last day (Vietnam dates).</returns>
    private async Task<IReadOnlyList<object>> MoveOpenPeriodsAsync(UnitOfWork work, Guid id, CheckedSchedule schedule, WorkflowDefinition definition,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await work.QueryAsync<OpenPeriod>(
            """
            SELECT id AS "Id", period_key AS "Key", label AS "Label", opens_at AS "OpensAt", due_on AS "DueOn", deadline AS "Deadline"
            FROM reporting_periods WHERE schedule_id = @id AND state = 'open' AND deadline > @now
            """, new { id, now }, cancellationToken);
        if (open.Count == 0) return [];
        var planned = SchedulePlanner.Periods(schedule, calendar, options.Value).ToDictionary(p => p.Key, StringComparer.Ordinal);
        var moves = open.Where(p => planned.TryGetValue(p.Key, out var n) && n.DueOn != p.DueOn && n.Deadline > now)
            .Select(p => (Old: p, New: planned[p.Key])).ToList();
        var record = new List<object>();
        foreach (var (old, moved) in moves)
        {
            var formerLastDay = VietnamTime.ToVietnamDate(old.Deadline.AddTicks(-1));
            await work.ExecuteAsync(
                """
                UPDATE reporting_periods SET due_on = @DueOn, cut_off_from = @CutOffFrom, cut_off_to = @CutOffTo, deadline = @deadline, closes_at = @closesAt
                WHERE id = @periodId
                """,
                new { moved.DueOn, moved.CutOffFrom, moved.CutOffTo, deadline = moved.Deadline.UtcDateTime, closesAt = moved.ClosesAt.UtcDateTime, periodId = old.Id },
                cancellationToken);
            await work.ExecuteAsync(
                $"""
                WITH messages AS (
                    SELECT r.address, r.school_name AS recipient_name, r.entry_id, @subject AS subject, 'Kính gửi ' || r.school_name || @body AS body,
                           'report-deadline' AS category, 'report-deadline:' || r.id || ':' || @lastDay AS dedup_key, r.id AS reference_id,
                           false AS redact_after_send
                    FROM report_requests r
                    WHERE r.period_id = @periodId AND r.first_submitted_at IS NULL AND r.token_revoked_at IS NULL
                )
                {OutboxWriter.InsertFrom(work, "messages")}
                """,
                new
                {
                    periodId = old.Id, subject = ReportingMessages.DeadlineMovedSubject(schedule.Title, old.Label),
                    body = ReportingMessages.DeadlineMovedBody(schedule.Title, old.Label, formerLastDay, moved.LastDay),
                    lastDay = moved.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                }, cancellationToken);
            record.Add(new { periodId = old.Id, old.Label, from = formerLastDay, to = moved.LastDay });
        }
        if (moves.Count == 0) return record;
        var ids = moves.Select(m => m.Old.Id).ToList();
        var steps = moves.SelectMany(m => SchedulePlanner.PeriodSteps(m.Old.Id, definition, m.Old.OpensAt, m.New.DueOn, calendar)).Where(s => s.At > now).ToList();
        work.AfterCommit(() =>
        {
            scheduler.Cancel(ids);
            scheduler.Schedule(steps);
        });
        return record;
    }

    /// <summary>
    /// Cancels the schedule at the clock's now, with <paramref name="reason"/> in its audit record; cancelling a cancelled
    /// schedule changes nothing.
    /// </summary>
    /// <exception cref="WorkflowException">Not a Drafter, Clerk or Admin, or another body's (403); no such schedule (404).</exception>
    public async Task<ScheduleView> CancelAsync(Guid id, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken))
        {
            var row = await LockAsync(work, id, actor, cancellationToken);
            if (row.Status != "cancelled")
            {
                var periods = await CancelLockedAsync(work, [id], cancellationToken);
                work.Audit(now, actor.UserName, "reporting.schedule-cancelled", row.PlanId, null, null,
                    new { scheduleId = id, row.Title, reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), periodsStopped = periods });
                await work.CommitAsync(cancellationToken);
            }
        }
        return await store.GetAsync(id, actor, cancellationToken);
    }

    /// <summary>
    /// Cancels every active schedule of plan <paramref name="planId"/> inside the caller's transaction (a recall of the
    /// plan), with one audit record by <paramref name="by"/> at <paramref name="now"/> when there was one; the pending jobs
    /// are deleted once that transaction commits. Returns the number of schedules cancelled.
    /// </summary>
    public async Task<int> CancelPlanSchedulesAsync(UnitOfWork work, Guid planId, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = (await work.QueryAsync<Guid>(
            "SELECT id FROM reporting_schedules WHERE plan_id = @planId AND status = 'active' ORDER BY duty_index FOR UPDATE",
            new { planId }, cancellationToken)).ToArray();
        if (ids.Length == 0) return 0;
        var periods = await CancelLockedAsync(work, ids, cancellationToken);
        work.Audit(now, by, "reporting.plan-schedules-cancelled", planId, null, null, new { scheduleIds = ids, periodsStopped = periods });
        return ids.Length;
    }

    /// <summary>Marks the schedules cancelled, deletes their periods not yet opened and queues the deletion of every pending job of theirs.</summary>
    private async Task<int> CancelLockedAsync(UnitOfWork work, Guid[] ids, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand(
            """
            WITH stopped AS (
                SELECT id, state FROM reporting_periods WHERE schedule_id = ANY($1) AND state <> 'closed'
            ), deleted AS (
                DELETE FROM reporting_periods p USING stopped WHERE p.id = stopped.id AND stopped.state = 'scheduled'
            ), cancelled AS (
                UPDATE reporting_schedules SET status = 'cancelled' WHERE id = ANY($1)
            )
            SELECT id FROM stopped
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var periods = await work.ReadAsync(command, reader => reader.GetGuid(0), cancellationToken);
        work.AfterCommit(() => scheduler.Cancel(periods.ToList()));
        return periods.Count;
    }
}
