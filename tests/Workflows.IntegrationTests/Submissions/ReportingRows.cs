using Dapper;
using Npgsql;
using Workflows.Reporting;

namespace Workflows.IntegrationTests.Submissions;

/// <summary>One school's request row with the raw token its email would carry.</summary>
internal sealed record RequestRow(Guid RequestId, Guid PeriodId, Guid ScheduleId, Guid EntryId, string Token, string SchoolName, string Address);

/// <summary>
/// Creates reporting rows directly in SQL, per the 0200 contract (the scheduler side that normally writes them lives
/// in another branch): a schedule (from a released plan with its symbol, or standalone), a period, requests with tokens
/// from <see cref="ReportTokens.Create"/>.
/// </summary>
internal static class ReportingRows
{
    public static async Task<Guid> ScheduleAsync(string connectionString, string title, string bodyCode, string? planSymbol)
    {
        Storage.DapperSetup.Apply();
        await using var connection = new NpgsqlConnection(connectionString);
        Guid? planId = null;
        if (planSymbol is not null)
        {
            planId = Guid.NewGuid();
            await connection.ExecuteAsync("""
                INSERT INTO plans (id, body_code, subject, status, symbol, number, issue_year, created_by, created_at, updated_at)
                VALUES (@planId, @bodyCode, @title, 'released', @planSymbol, @number, 2026, 'chuyenvien', now(), now())
                """, new { planId, bodyCode, title, planSymbol, number = Random.Shared.Next(1, 1_000_000) });
        }
        var id = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO reporting_schedules (id, plan_id, body_code, title, frequency, rule, starts_on, ends_on, target,
                                             definition_id, definition_version, status, created_by, created_at)
            VALUES (@id, @planId, @bodyCode, @title, 'monthly', '{"day": 15}', '2026-01-01', '2026-12-31', '{"entryIds": []}',
                    'report-submission', 1, 'active', 'chuyenvien', now())
            """, new { id, planId, bodyCode, title });
        return id;
    }

    public static async Task<Guid> PeriodAsync(string connectionString, Guid scheduleId, string key, string label, DateOnly cutOffFrom, DateOnly cutOffTo,
        DateOnly dueOn, DateTimeOffset deadline, DateTimeOffset closesAt)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var id = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO reporting_periods (id, schedule_id, period_key, label, opens_at, cut_off_from, cut_off_to, due_on, deadline, closes_at, state)
            VALUES (@id, @scheduleId, @key, @label, @opensAt, @cutOffFrom, @cutOffTo, @dueOn, @deadline, @closesAt, 'open')
            """, new { id, scheduleId, key, label, opensAt = deadline.AddDays(-16).ToUniversalTime(), cutOffFrom, cutOffTo, dueOn,
                deadline = deadline.ToUniversalTime(), closesAt = closesAt.ToUniversalTime() });
        return id;
    }

    public static async Task<RequestRow> RequestAsync(string connectionString, Guid scheduleId, Guid periodId, string schoolName, string address)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var (token, hash) = ReportTokens.Create();
        var row = new RequestRow(Guid.NewGuid(), periodId, scheduleId, Guid.NewGuid(), token, schoolName, address);
        await connection.ExecuteAsync("""
            INSERT INTO report_requests (id, period_id, schedule_id, entry_id, school_name, address, token_hash, requested_at)
            VALUES (@RequestId, @PeriodId, @ScheduleId, @EntryId, @SchoolName, @Address, @hash, now())
            """, new { row.RequestId, row.PeriodId, row.ScheduleId, row.EntryId, row.SchoolName, row.Address, hash });
        return row;
    }

    /// <summary>The request's submission columns.</summary>
    public static async Task<(DateTimeOffset? First, DateTimeOffset? Last, bool? Late)> StateAsync(string connectionString, Guid requestId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.QuerySingleAsync<(DateTimeOffset?, DateTimeOffset?, bool?)>(
            "SELECT first_submitted_at, last_submitted_at, submitted_late FROM report_requests WHERE id = @requestId", new { requestId });
    }

    public static async Task<int> SubmissionCountAsync(string connectionString, Guid requestId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM report_submissions WHERE request_id = @requestId", new { requestId });
    }
}
