using Dapper;
using Npgsql;

namespace Workflows.Reporting.Status;

/// <summary>
/// Read-only lookups of the reporting pages beside <see cref="ReportingScheduleStore"/> (which checks the caller's body
/// first): each schedule's period counts and next due day (the matrix of one schedule is <see cref="MatrixPages"/>).
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
}
