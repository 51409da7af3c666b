using Dapper;
using Npgsql;

namespace Workflows.Reporting.Status;

/// <summary>
/// Read-only lookups of the reporting pages beside <see cref="ReportingScheduleStore"/> (which checks the caller's body
/// first): each schedule's period counts and next due day, and the request of each school and period (to link a matrix
/// cell to its submissions).
/// </summary>
internal sealed class ReportingStatusQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Per schedule: number of periods, how many are open, and the next due day on or after <paramref name="today"/> (Vietnam date).</summary>
    public async Task<IReadOnlyDictionary<Guid, (int Periods, int Open, DateOnly? NextDue)>> PeriodSummaryAsync(Guid[] scheduleIds, DateOnly today,
        CancellationToken ct)
    {
        if (scheduleIds.Length == 0) return new Dictionary<Guid, (int, int, DateOnly?)>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid Id, int Periods, int Open, DateOnly? NextDue)>(new CommandDefinition(
            """
            SELECT schedule_id, count(*)::int, count(*) FILTER (WHERE state = 'open')::int, min(due_on) FILTER (WHERE due_on >= @today)
            FROM reporting_periods WHERE schedule_id = ANY(@scheduleIds) GROUP BY schedule_id
            """, new { scheduleIds, today }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => (r.Periods, r.Open, r.NextDue));
    }

    /// <summary>
    /// The request of each (period, school) of a schedule, with whether its link is revoked. Call only after the store
    /// has checked that the schedule belongs to the caller's body.
    /// </summary>
    public async Task<IReadOnlyDictionary<(Guid PeriodId, Guid EntryId), (Guid RequestId, bool Revoked)>> RequestsAsync(Guid scheduleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid Id, Guid PeriodId, Guid EntryId, bool Revoked)>(new CommandDefinition(
            "SELECT id, period_id, entry_id, token_revoked_at IS NOT NULL FROM report_requests WHERE schedule_id = @scheduleId",
            new { scheduleId }, cancellationToken: ct));
        return rows.ToDictionary(r => (r.PeriodId, r.EntryId), r => (r.Id, r.Revoked));
    }
}
