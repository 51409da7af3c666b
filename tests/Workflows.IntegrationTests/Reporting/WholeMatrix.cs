using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Kernel;
using Workflows.Reporting;
using Workflows.Reporting.Status;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// The paged matrix's yardstick: the whole matrix of schools × periods built in memory, as the API and the CSV built it
/// before they were paged by PostgreSQL (the target's members with an address, then the schools asked that are not among
/// them, named as the directory names them now or as they were asked; ordered with the vi-VN culture's sort keys; cells
/// by <see cref="MatrixCells.Of"/>).
/// </summary>
internal static class WholeMatrix
{
    /// <summary>Every row of schedule <paramref name="id"/>'s matrix at <paramref name="now"/>, with the schedule's periods.</summary>
    public static async Task<(IReadOnlyList<PeriodView> Periods, IReadOnlyList<StatusRow> Schools)> ReadAsync(WorkflowsApp app, Guid id, Actor actor,
        DateTimeOffset now)
    {
        var schedule = await app.Services.GetRequiredService<ReportingScheduleStore>().GetAsync(id, actor, default);
        var periods = schedule.Periods ?? [];
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var requests = (await connection.QueryAsync<(Guid PeriodId, Guid EntryId, string SchoolName, DateTimeOffset? FirstSubmittedAt, bool? SubmittedLate)>(
            "SELECT period_id, entry_id, school_name, first_submitted_at, submitted_late FROM report_requests WHERE schedule_id = @id", new { id })).ToList();
        var schools = new Dictionary<Guid, string>();
        foreach (var (entryId, name) in await connection.QueryAsync<(Guid, string)>(
            """
            WITH RECURSIVE t(id) AS (
                SELECT unnest(@ids::uuid[])
                UNION
                SELECT m.member_id FROM directory_members m JOIN t ON m.group_id = t.id
            )
            SELECT e.id, e.name FROM directory_entries e JOIN t ON t.id = e.id
            WHERE e.kind <> 'group' AND coalesce(e.email, '') <> ''
            ORDER BY e.name, e.id
            """, new { ids = ReportingScheduleStore.TargetIds(schedule.Target.GetRawText()) }))
            schools[entryId] = name;
        var former = requests.Select(r => r.EntryId).Where(e => !schools.ContainsKey(e)).Distinct().ToArray();
        foreach (var (entryId, name) in await connection.QueryAsync<(Guid, string)>("SELECT id, name FROM directory_entries WHERE id = ANY(@former)", new { former }))
            schools[entryId] = name;
        foreach (var r in requests) schools.TryAdd(r.EntryId, r.SchoolName);
        var byCell = requests.ToDictionary(r => (r.PeriodId, r.EntryId));
        var vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
        var rows = schools.Select(s => (s.Key, s.Value, Sort: vietnamese.GetSortKey(s.Value)))
            .OrderBy(s => s.Sort, Comparer<System.Globalization.SortKey>.Create(System.Globalization.SortKey.Compare))
            .Select(s => new StatusRow(s.Key, s.Value, periods.Select(p => MatrixCells.Of(p,
                byCell.TryGetValue((p.Id, s.Key), out var r) ? (r.FirstSubmittedAt, r.SubmittedLate) : null, now)).ToList()))
            .ToList();
        return (periods, rows);
    }
}
