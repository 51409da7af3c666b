using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>A school (or unit) asked to report: its directory entry, name and address.</summary>
internal sealed record TargetMember(Guid Id, string Name, string Email);

/// <summary>A schedule as the API shows it.</summary>
internal sealed record ScheduleView(Guid Id, Guid? PlanId, string? PlanSymbol, int? DutyIndex, string BodyCode, string Title, string Frequency,
    JsonElement Rule, DateOnly StartsOn, DateOnly EndsOn, JsonElement Target, string DefinitionId, int DefinitionVersion, string Status,
    string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<PeriodView>? Periods);

/// <summary>A period as the API shows it (instants in UTC, dates in Vietnam).</summary>
internal sealed record PeriodView(Guid Id, string Key, string Label, DateTimeOffset OpensAt, DateOnly CutOffFrom, DateOnly CutOffTo,
    DateOnly DueOn, DateTimeOffset Deadline, DateTimeOffset ClosesAt, string State);

/// <summary>
/// Reporting schedules in PostgreSQL: creates a schedule with its periods inside the caller's transaction (and, once it
/// commits, one delayed job per step of each period through <see cref="Steps.IStepScheduler"/>), resolves its target in
/// the directory, and reads schedules and periods (the submission matrix: <see cref="Status.MatrixPages"/>).
/// </summary>
internal sealed class ReportingScheduleStore(NpgsqlDataSource dataSource, IWorkingCalendar calendar, IOptions<ReportingOptions> options,
    Steps.IStepScheduler scheduler)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>
    /// Checks the target (a group name or id, or entry ids; default the configured group) and returns its JSON:
    /// <c>{"groupId": …, "group": name}</c> or <c>{"entryIds": […]}</c>.
    /// </summary>
    /// <exception cref="WorkflowException">No such group or entry, or no school with an address in it (422, field <c>{prefix}target</c>).</exception>
    public async Task<string> CheckTargetAsync(UnitOfWork work, ScheduleTargetInput? target,
        string fieldPrefix, CancellationToken cancellationToken)
    {
        var field = fieldPrefix + "target";
        string json;
        Guid[] ids;
        if (target?.EntryIds is { Count: > 0 } entryIds)
        {
            var found = (await work.QueryAsync<Guid>(
                "SELECT id FROM directory_entries WHERE id = ANY(@ids)", new { ids = entryIds.Distinct().ToArray() }, cancellationToken)).ToHashSet();
            var missing = entryIds.FirstOrDefault(id => !found.Contains(id));
            if (missing != Guid.Empty) throw WorkflowException.Invalid(field, $"Không có mục danh bạ {missing}.");
            ids = entryIds.Distinct().ToArray();
            json = JsonSerializer.Serialize(new { entryIds = ids }, Json);
        }
        else
        {
            var name = target?.Group;
            (Guid Id, string Name)? group;
            if (target?.GroupId is { } groupId)
            {
                group = await work.QuerySingleOrDefaultAsync<(Guid, string)?>(
                    "SELECT id, name FROM directory_entries WHERE id = @groupId AND kind = 'group'", new { groupId }, cancellationToken);
            }
            else
            {
                name = string.IsNullOrWhiteSpace(name) ? options.Value.DefaultTargetGroup : name.Trim();
                group = await FindGroupAsync(work, name, cancellationToken);
            }
            if (group is not { } g)
                throw WorkflowException.Invalid(field, $"Danh bạ không có nhóm \"{name ?? target?.GroupId.ToString()}\"; chọn nhóm hoặc danh sách trường.");
            ids = [g.Id];
            json = JsonSerializer.Serialize(new { groupId = g.Id, group = g.Name }, Json);
        }
        if ((await MembersAsync(work, ids, cancellationToken)).Count == 0)
            throw WorkflowException.Invalid(field, "Đối tượng báo cáo không có trường nào có địa chỉ thư điện tử.");
        return json;
    }

    /// <summary>The directory group named <paramref name="name"/> (name or alias, case ignored), or null.</summary>
    public static async Task<(Guid Id, string Name)?> FindGroupAsync(UnitOfWork work, string name, CancellationToken cancellationToken) =>
        (await work.QueryAsync<(Guid, string)?>(
            """
            SELECT id, name FROM directory_entries
            WHERE kind = 'group' AND (lower(name) = lower(@name) OR lower(@name) IN (SELECT lower(a) FROM unnest(aliases) a))
            ORDER BY lower(name) = lower(@name) DESC LIMIT 1
            """, new { name }, cancellationToken)).FirstOrDefault();

    private const string MembersSql =
        """
        WITH RECURSIVE t(id) AS (
            SELECT unnest($1::uuid[])
            UNION
            SELECT m.member_id FROM directory_members m JOIN t ON m.group_id = t.id
        )
        SELECT e.id, e.name, e.email FROM directory_entries e JOIN t ON t.id = e.id
        WHERE e.kind <> 'group' AND coalesce(e.email, '') <> ''
        ORDER BY e.name, e.id
        """;

    /// <summary>The entries with an address reached from <paramref name="ids"/> (groups expand to their members, recursively).</summary>
    public static Task<IReadOnlyList<TargetMember>> MembersAsync(UnitOfWork work, Guid[] ids, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand(MembersSql);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return work.ReadAsync(command, reader => new TargetMember(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)), cancellationToken);
    }

    /// <summary>The ids a stored target JSON names (the group, or the entries).</summary>
    public static Guid[] TargetIds(string targetJson)
    {
        var node = JsonNode.Parse(targetJson)!.AsObject();
        if (node["groupId"] is { } g) return [g.GetValue<Guid>()];
        return node["entryIds"]!.AsArray().Select(e => e!.GetValue<Guid>()).ToArray();
    }

    /// <summary>
    /// Inserts the schedule and the periods whose deadline is still ahead of <paramref name="now"/> (a period already
    /// due to open opens at <paramref name="now"/>); with <paramref name="recordPastPeriods"/> also those whose deadline
    /// has passed, stored <c>closed</c> (recorded, never opened: no request is sent). With a plan duty, a second
    /// activation of the same duty inserts nothing.
    /// </summary>
    /// <returns>The schedule id and its number of periods, or null when the duty already has a schedule.</returns>
    public async Task<(Guid Id, int Periods)?> InsertAsync(UnitOfWork work, CheckedSchedule schedule,
        string targetJson, Guid? planId, int? dutyIndex, string bodyCode, WorkflowDefinition definition, string createdBy, DateTimeOffset now,
        CancellationToken cancellationToken, bool recordPastPeriods = false)
    {
        var id = Guid.NewGuid();
        var inserted = await work.ExecuteAsync(
            """
            INSERT INTO reporting_schedules (id, plan_id, duty_index, body_code, title, frequency, rule, starts_on, ends_on, target,
                                             definition_id, definition_version, status, created_by, created_at)
            VALUES (@id, @planId, @dutyIndex, @bodyCode, @Title, @frequency, @rule::jsonb, @StartsOn, @EndsOn, @targetJson::jsonb,
                    @definitionId, @definitionVersion, 'active', @createdBy, @now)
            ON CONFLICT (plan_id, duty_index) WHERE plan_id IS NOT NULL DO NOTHING
            """,
            new
            {
                id, planId, dutyIndex, bodyCode, schedule.Title, frequency = ReportingFrequencies.ToDatabase(schedule.Frequency),
                rule = JsonSerializer.Serialize(schedule.Rule, Json), schedule.StartsOn, schedule.EndsOn, targetJson,
                definitionId = definition.Id, definitionVersion = definition.Version, createdBy, now,
            }, cancellationToken);
        if (inserted == 0) return null;
        var periods = QueuePeriods(work, id, schedule, definition, now, new HashSet<string>(StringComparer.Ordinal), recordPastPeriods);
        return (id, periods);
    }

    /// <summary>
    /// Queues the periods of <paramref name="schedule"/> whose deadline is ahead of <paramref name="now"/> and whose key is
    /// not in <paramref name="existingKeys"/> (a period already due to open opens at <paramref name="now"/>), and, once the
    /// transaction commits, schedules one delayed job per step of each. With <paramref name="recordPastPeriods"/> the periods
    /// whose deadline has passed are stored too, <c>closed</c> and without jobs (recorded, never opened). Returns how many.
    /// </summary>
    internal int QueuePeriods(UnitOfWork work, Guid id, CheckedSchedule schedule, WorkflowDefinition definition, DateTimeOffset now,
        IReadOnlySet<string> existingKeys, bool recordPastPeriods = false)
    {
        var periods = SchedulePlanner.Periods(schedule, calendar, options.Value)
            .Where(p => (recordPastPeriods || p.Deadline > now) && !existingKeys.Contains(p.Key))
            .Select(p => (Id: Guid.NewGuid(), Period: p.Deadline <= now ? p : p with { OpensAt = p.OpensAt < now ? now : p.OpensAt }))
            .ToList();
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO reporting_periods (id, schedule_id, period_key, label, opens_at, cut_off_from, cut_off_to, due_on, deadline, closes_at, state)
            SELECT pid, $1, k, l, o, cf, ct, d, dl, c, st
            FROM unnest($10::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::date[], $6::date[], $7::date[], $8::timestamptz[], $9::timestamptz[], $11::text[])
                 AS t(pid, k, l, o, cf, ct, d, dl, c, st)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.Label).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.OpensAt.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.CutOffFrom).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.CutOffTo).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.DueOn).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.Deadline.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.ClosesAt.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.Period.Deadline > now ? "scheduled" : "closed").ToArray() });
        if (periods.Count == 0) return 0;
        work.Queue(command);
        var steps = periods.Where(p => p.Period.Deadline > now).SelectMany(p => SchedulePlanner.PeriodSteps(p.Id, definition, p.Period.OpensAt, p.Period.DueOn, calendar)).ToList();
        work.AfterCommit(() => scheduler.Schedule(steps));
        return periods.Count;
    }

    /// <summary>
    /// Stores a standalone schedule (a report campaign without a plan) of the actor's body with its periods and an audit
    /// record, in one transaction. Who may create one is <see cref="ReportCampaigns"/>'s rule, checked before this is called.
    /// </summary>
    /// <exception cref="WorkflowException">Invalid input (422 naming the field), among it a campaign whose every deadline has
    /// passed at <paramref name="now"/> without <see cref="ScheduleInput.RecordPastPeriods"/> (field <c>dueDate</c> for a
    /// one-off report, else <c>endsOn</c>).</exception>
    public async Task<Guid> CreateStandaloneAsync(ScheduleInput input, WorkflowDefinition definition, Actor actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Title)) throw WorkflowException.Invalid("title", "Cần đặt tên báo cáo.");
        var schedule = SchedulePlanner.Check(input, "", VietnamTime.ToVietnamDate(now).Year, "", options.Value);
        var planned = SchedulePlanner.Periods(schedule, calendar, options.Value);
        var recordPast = input.RecordPastPeriods == true;
        if (!recordPast && planned.All(p => p.Deadline <= now))
        {
            var last = planned.Count == 0 ? schedule.EndsOn : planned[^1].DueOn;
            throw WorkflowException.Invalid(schedule.Rule.DueDate is null ? "endsOn" : "dueDate",
                $"Hạn nộp đã qua ({last:dd/MM/yyyy}): đợt báo cáo này không còn kỳ nào để gửi yêu cầu. " +
                "Chọn hạn nộp sau hôm nay, hoặc đánh dấu \"ghi nhận kỳ đã qua\" (recordPastPeriods) để chỉ lưu kỳ đó, không gửi yêu cầu.");
        }
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        var target = await CheckTargetAsync(work, input.Target, "", cancellationToken);
        var created = await InsertAsync(work, schedule, target, null, null, actor.BodyCode, definition, actor.UserName, now, cancellationToken, recordPast);
        work.Audit(now, actor.UserName, "reporting.schedule-created", null, null, null,
            new
            {
                scheduleId = created!.Value.Id, schedule.Title, frequency = ReportingFrequencies.ToApi(schedule.Frequency), periods = created.Value.Periods,
                pastPeriodsRecorded = recordPast ? planned.Count(p => p.Deadline <= now) : 0,
            });
        await work.CommitAsync(cancellationToken);
        return created.Value.Id;
    }

    private const string ScheduleColumns =
        """
        SELECT s.id, s.plan_id, p.symbol AS plan_symbol, s.duty_index, s.body_code, s.title, s.frequency, s.rule::text AS rule, s.starts_on, s.ends_on,
               s.target::text AS target, s.definition_id, s.definition_version, s.status, s.created_by, s.created_at
        FROM reporting_schedules s LEFT JOIN plans p ON p.id = s.plan_id
        """;

    /// <summary>The schedules of the actor's body, newest first; or of one plan of the actor's body.</summary>
    /// <exception cref="WorkflowException">With <paramref name="planId"/>: no such plan (404) or another body's (403).</exception>
    public async Task<IReadOnlyList<ScheduleView>> ListAsync(Actor actor, Guid? planId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (planId is { } id) await Plans.PlanAccess.RequireAsync(connection, id, actor, cancellationToken);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(
            ScheduleColumns + " WHERE s.body_code = @BodyCode AND (@planId::uuid IS NULL OR s.plan_id = @planId) ORDER BY s.created_at DESC, s.duty_index",
            new { actor.BodyCode, planId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.View(null)).ToList();
    }

    /// <summary>One schedule with its periods.</summary>
    /// <exception cref="WorkflowException">No such schedule (404) or another body's (403).</exception>
    public async Task<ScheduleView> GetAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await RowAsync(connection, id, actor, cancellationToken);
        return row.View(await PeriodsAsync(connection, id, cancellationToken));
    }

    private static async Task<ScheduleRow> RowAsync(NpgsqlConnection connection, Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ScheduleRow>(new CommandDefinition(ScheduleColumns + " WHERE s.id = @id", new { id },
            cancellationToken: cancellationToken)) ?? throw WorkflowException.NotFound("Lịch báo cáo");
        if (row.body_code != actor.BodyCode) throw WorkflowException.Forbidden("Lịch báo cáo thuộc cơ quan khác.");
        return row;
    }

    private static async Task<IReadOnlyList<PeriodView>> PeriodsAsync(NpgsqlConnection connection, Guid scheduleId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PeriodView>(new CommandDefinition(
            """
            SELECT id, period_key AS "Key", label AS "Label", opens_at AS "OpensAt", cut_off_from AS "CutOffFrom", cut_off_to AS "CutOffTo",
                   due_on AS "DueOn", deadline AS "Deadline", closes_at AS "ClosesAt", state AS "State"
            FROM reporting_periods WHERE schedule_id = @scheduleId ORDER BY due_on
            """, new { scheduleId }, cancellationToken: cancellationToken))).ToList();

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed record ScheduleRow(Guid id, Guid? plan_id, string? plan_symbol, int? duty_index, string body_code, string title, string frequency,
        string rule, DateOnly starts_on, DateOnly ends_on, string target, string definition_id, int definition_version, string status,
        string created_by, DateTimeOffset created_at)
    {
        public ScheduleView View(IReadOnlyList<PeriodView>? periods) => new(id, plan_id, plan_symbol, duty_index, body_code, title,
            frequency == "half_yearly" ? "half-yearly" : frequency, JsonDocument.Parse(rule).RootElement.Clone(), starts_on, ends_on,
            JsonDocument.Parse(target).RootElement.Clone(), definition_id, definition_version, status, created_by, created_at, periods);
    }
#pragma warning restore IDE1006
}

/// <summary>One school's row.</summary>
internal sealed record StatusRow(Guid EntryId, string Name, IReadOnlyList<StatusCell> Cells);

/// <summary>One school and period: its state and, when submitted, the first submission instant.</summary>
internal sealed record StatusCell(Guid PeriodId, string State, DateTimeOffset? SubmittedAt);
