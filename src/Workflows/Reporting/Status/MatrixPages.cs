using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using Workflows.Distribution;
using Workflows.Kernel;

namespace Workflows.Reporting.Status;

/// <summary>
/// The schedule page's matrix, paged by PostgreSQL: the search (the directory's stored <c>search_key</c>, as
/// <see cref="DirectoryStore.SearchAsync"/> compares it), the filter by the current period's state, the Vietnamese
/// alphabetical order (ICU collation <c>vietnamese</c>) and the page of schools are computed there; only the page's rows,
/// the counts, the first overdue pairs and the current period's submission instants are read. Cells follow
/// <see cref="MatrixCells"/>. The schedule page and <c>GET /api/reporting/schedules/{id}/status</c> read one page
/// (<see cref="PageAsync"/>); the CSV streams every row, a page of schools at a time (<see cref="AllRowsAsync"/>), in the
/// same order; neither holds the whole matrix in memory.
/// <para>
/// Schools: the members with an email address of the schedule's target (groups expanded), and every school asked in one
/// of its periods. A school is named as the directory names it now, or, once removed from the directory, as it was asked.
/// </para>
/// </summary>
internal sealed class MatrixPages(NpgsqlDataSource dataSource, ReportingScheduleStore store)
{
    /// <summary>Overdue (school, period) pairs read at most.</summary>
    public const int OverdueRead = 50;

    /// <summary>Schools read per statement when <see cref="AllRowsAsync"/> streams the whole matrix.</summary>
    public const int StreamPageSize = 1000;

    // The schools of the matrix with their name and comparable key: the target's members, then the schools asked that are
    // not (any more) among them. No correlated subquery: its estimate alone would push the statement past jit_above_cost,
    // and compiling it took longer (0.4 s) than running it.
    private const string Schools =
        """
        WITH RECURSIVE t(id) AS (
            SELECT unnest(@targets::uuid[])
            UNION
            SELECT m.member_id FROM directory_members m JOIN t ON m.group_id = t.id
        ),
        members AS (
            SELECT e.id, e.name, e.search_key FROM directory_entries e JOIN t ON t.id = e.id WHERE e.kind <> 'group' AND coalesce(e.email, '') <> ''
        ),
        others AS (
            SELECT DISTINCT ON (r.entry_id) r.entry_id AS id, r.school_name FROM report_requests r
            WHERE r.schedule_id = @id AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = r.entry_id)
            ORDER BY r.entry_id, r.requested_at DESC
        ),
        schools AS (
            SELECT id, name, search_key FROM members
            UNION ALL
            SELECT o.id, coalesce(e.name, o.school_name), coalesce(e.search_key, directory_search_text(o.school_name))
            FROM others o LEFT JOIN directory_entries e ON e.id = o.id
        )
        """;

    /// <summary>
    /// One page of schedule <paramref name="id"/>'s matrix at <paramref name="now"/> for <paramref name="query"/>: three
    /// round trips after the schedule's own read (one batch for the page, the counts, the overdue list and the
    /// submission instants; one for the page's cells).
    /// </summary>
    /// <exception cref="WorkflowException">No such schedule (404) or another body's (403).</exception>
    public async Task<MatrixPage> PageAsync(Guid id, Actor actor, DateTimeOffset now, MatrixQuery query, CancellationToken ct)
    {
        var schedule = await store.GetAsync(id, actor, ct);
        var periods = schedule.Periods ?? [];
        var current = MatrixCells.Current(periods, now);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var key = string.IsNullOrWhiteSpace(query.Search) ? null : RecipientText.Normalise(query.Search);
        var like = string.IsNullOrEmpty(key) ? null : "%" + key.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        var state = string.IsNullOrWhiteSpace(query.State) ? null : query.State.Trim();
        var filters = new List<string>();
        if (like is not null) filters.Add("s.search_key LIKE @like");
        if (state is not null) filters.Add(current is null ? "false" : $"({MatrixCells.StateSql}) = @state");
        var stateJoin = state is not null && current is not null
            ? "JOIN reporting_periods p ON p.id = @current LEFT JOIN report_requests r ON r.period_id = @current AND r.entry_id = s.id"
            : "";
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var parameters = new
        {
            id, targets = ReportingScheduleStore.TargetIds(schedule.Target.GetRawText()), now, like, state, current = current?.Id,
            // A page far past the end (2,147,483,647 × 500 overflows an int) asks for the last one.
            size, offset = (int)Math.Min((Math.Max(1L, query.Page) - 1) * size, int.MaxValue / size * size), overdue = OverdueRead,
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {Schools},
            matching AS (SELECT s.id, s.name FROM schools s {stateJoin} {where}),
            counted AS (SELECT (SELECT count(*) FROM schools)::int AS total, (SELECT count(*) FROM matching)::int AS matching)
            SELECT c.total, c.matching, least(@offset, greatest(c.matching - 1, 0) / @size * @size) / @size + 1 AS page, m.id, m.name
            FROM counted c
            LEFT JOIN LATERAL (
                SELECT id, name FROM matching ORDER BY name COLLATE vietnamese, id
                OFFSET least(@offset, greatest(c.matching - 1, 0) / @size * @size) LIMIT @size) m ON true;

            SELECT r.period_id, {MatrixCells.StateSql} AS state, count(*)::int AS count
            FROM report_requests r JOIN reporting_periods p ON p.id = r.period_id
            WHERE r.schedule_id = @id
            GROUP BY 1, 2;

            SELECT count(*)::int
            FROM report_requests r JOIN reporting_periods p ON p.id = r.period_id
            WHERE r.schedule_id = @id AND r.first_submitted_at IS NULL AND p.state <> 'scheduled' AND p.opens_at <= @now AND p.deadline <= @now;

            SELECT r.id, r.period_id, r.entry_id, coalesce(e.name, r.school_name) AS name, r.token_revoked_at IS NOT NULL AS revoked
            FROM report_requests r JOIN reporting_periods p ON p.id = r.period_id LEFT JOIN directory_entries e ON e.id = r.entry_id
            WHERE r.schedule_id = @id AND r.first_submitted_at IS NULL AND p.state <> 'scheduled' AND p.opens_at <= @now AND p.deadline <= @now
            ORDER BY p.due_on DESC, coalesce(e.name, r.school_name) COLLATE vietnamese, r.entry_id
            LIMIT @overdue;

            SELECT r.first_submitted_at FROM report_requests r JOIN reporting_periods p ON p.id = r.period_id
            WHERE r.period_id = @current AND r.first_submitted_at IS NOT NULL AND p.state <> 'scheduled' AND p.opens_at <= @now
            ORDER BY 1;
            """, parameters, cancellationToken: ct));
        var page = (await batch.ReadAsync<(int Total, int Matching, int Page, Guid? Id, string? Name)>()).AsList();
        var requested = (await batch.ReadAsync<(Guid PeriodId, string State, int Count)>()).AsList();
        var overdueCount = await batch.ReadSingleAsync<int>();
        var overdue = (await batch.ReadAsync<(Guid Id, Guid PeriodId, Guid EntryId, string Name, bool Revoked)>()).AsList();
        var submissions = (await batch.ReadAsync<DateTime>()).Select(t => new DateTimeOffset(t, TimeSpan.Zero)).ToList();

        var total = page[0].Total;
        var rows = page.Where(r => r.Id is not null).Select(r => (Id: r.Id!.Value, Name: r.Name!)).ToList();
        var cells = rows.Count == 0 ? [] : (await connection.QueryAsync<(Guid Id, Guid PeriodId, Guid EntryId, DateTime? FirstSubmittedAt, bool? SubmittedLate, bool Revoked)>(
            new CommandDefinition(
                """
                SELECT id, period_id, entry_id, first_submitted_at, submitted_late, token_revoked_at IS NOT NULL
                FROM report_requests WHERE period_id = ANY(@periods) AND entry_id = ANY(@entries)
                """, new { periods = periods.Select(p => p.Id).ToArray(), entries = rows.Select(r => r.Id).ToArray() }, cancellationToken: ct))).AsList();
        var byCell = cells.ToDictionary(c => (c.PeriodId, c.EntryId));
        var requests = new Dictionary<(Guid, Guid), (Guid, bool)>();
        foreach (var c in cells) requests[(c.PeriodId, c.EntryId)] = (c.Id, c.Revoked);
        foreach (var o in overdue) requests[(o.PeriodId, o.EntryId)] = (o.Id, o.Revoked);

        var statusRows = rows.Select(school => new StatusRow(school.Id, school.Name, periods.Select(p => MatrixCells.Of(p,
            byCell.TryGetValue((p.Id, school.Id), out var c) ? (c.FirstSubmittedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, c.SubmittedLate) : null,
            now)).ToList())).ToList();
        var counts = periods.ToDictionary(p => p.Id, p =>
        {
            var byState = requested.Where(r => r.PeriodId == p.Id).ToDictionary(r => r.State, r => r.Count);
            if (!MatrixCells.Opened(p, now)) return (IReadOnlyDictionary<string, int>)new Dictionary<string, int> { ["not_open"] = total };
            var notAsked = total - byState.Values.Sum();
            if (notAsked > 0) byState["not_requested"] = notAsked;
            return byState;
        });
        var byPeriod = periods.ToDictionary(p => p.Id);
        return new MatrixPage(schedule, periods, current, total, page[0].Matching, page[0].Page, size, statusRows, requests, counts,
            overdueCount, overdue.Select(o => (o.EntryId, o.Name, byPeriod[o.PeriodId])).ToList(), submissions);
    }
    /// <summary>
    /// Every row of schedule <paramref name="id"/>'s matrix at <paramref name="now"/> (the CSV): the schedule is read and
    /// the actor's access checked now; the rows are read when enumerated, in the order of <see cref="PageAsync"/>
    /// (Vietnamese alphabetical, then id), <paramref name="pageSize"/> schools per statement with their cells, each
    /// statement starting after the last name and id read (keyset), on a connection given back before its rows are
    /// handed out. A row is read once; at most one page of rows is in memory.
    /// </summary>
    /// <exception cref="WorkflowException">No such schedule (404) or another body's (403).</exception>
    public async Task<MatrixRows> AllRowsAsync(Guid id, Actor actor, DateTimeOffset now, int pageSize = StreamPageSize, CancellationToken ct = default)
    {
        var schedule = await store.GetAsync(id, actor, ct);
        var periods = schedule.Periods ?? [];
        return new MatrixRows(schedule, periods, now, RowsAsync(schedule, periods, now, Math.Max(1, pageSize), ct));
    }

    private async IAsyncEnumerable<StatusRow> RowsAsync(ScheduleView schedule, IReadOnlyList<PeriodView> periods, DateTimeOffset now, int size,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var targets = ReportingScheduleStore.TargetIds(schedule.Target.GetRawText());
        var periodIds = periods.Select(p => p.Id).ToArray();
        (Guid Id, string Name)? after = null;
        while (true)
        {
            List<(Guid Id, string Name, Guid? PeriodId, DateTime? FirstSubmittedAt, bool? SubmittedLate)> cells;
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                cells = (await connection.QueryAsync<(Guid, string, Guid?, DateTime?, bool?)>(new CommandDefinition(
                    $"""
                    {Schools},
                    page AS (
                        SELECT s.id, s.name FROM schools s
                        WHERE @afterId::uuid IS NULL OR (s.name COLLATE vietnamese, s.id) > (@afterName::text COLLATE vietnamese, @afterId::uuid)
                        ORDER BY s.name COLLATE vietnamese, s.id
                        LIMIT @size)
                    SELECT pg.id, pg.name, r.period_id, r.first_submitted_at, r.submitted_late
                    FROM page pg LEFT JOIN report_requests r ON r.period_id = ANY(@periods) AND r.entry_id = pg.id
                    ORDER BY pg.name COLLATE vietnamese, pg.id
                    """, new { id = schedule.Id, targets, afterName = after?.Name, afterId = after?.Id, size, periods = periodIds },
                    cancellationToken: ct))).AsList();
            var schools = 0;
            foreach (var school in cells.GroupBy(c => (c.Id, c.Name)))
            {
                schools++;
                var asked = school.Where(c => c.PeriodId is not null).ToDictionary(c => c.PeriodId!.Value);
                yield return new StatusRow(school.Key.Id, school.Key.Name, periods.Select(p => MatrixCells.Of(p,
                    asked.TryGetValue(p.Id, out var c) ? (c.FirstSubmittedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, c.SubmittedLate) : null,
                    now)).ToList());
                after = school.Key;
            }
            if (schools < size) yield break;
        }
    }
}
