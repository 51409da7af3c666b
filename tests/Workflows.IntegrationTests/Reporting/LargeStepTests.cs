using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Reporting;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// A period of more schools than <c>ReportingCycle.PartsFrom</c>: its overdue notices are written in parallel parts, each
/// in a transaction of its own, before the step's record; every school is still notified exactly once, also when the step
/// runs again after a crash between the parts' commits and the step's.
/// </summary>
public sealed class LargeStepTests
{
    private const int Schools = ReportingCycle.PartsFrom + 1_000;

    [Fact]
    public async Task The_overdue_notice_of_a_large_period_is_written_in_parts_and_reaches_every_school_once_even_when_the_step_runs_again()
    {
        var clock = new FakeTimeProvider(Vn(2026, 2, 18, 8).ToUniversalTime());
        await using var app = new WorkflowsApp(clock: clock, settings: new Dictionary<string, string?>
        {
            ["Workflows:Scheduler:Enabled"] = "false",
            ["Workflows:Distribution:SenderEnabled"] = "false",
        });
        var services = app.Services;
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.ExecuteAsync(
                """
                WITH g AS (INSERT INTO directory_entries (id, name, kind) VALUES (gen_random_uuid(), 'Nhóm trường lớn', 'group') RETURNING id),
                s AS (
                    INSERT INTO directory_entries (id, name, kind, email)
                    SELECT gen_random_uuid(), 'Trường số ' || i, 'school', 'truong' || i || '@lon.example.org' FROM generate_series(1, @Schools) i
                    RETURNING id
                )
                INSERT INTO directory_members (group_id, member_id) SELECT g.id, s.id FROM g, s
                """, new { Schools });
        }
        var definition = services.GetRequiredService<WorkflowDefinitionCatalog>()
            .LatestOfKind(services.GetRequiredService<IOptions<ReportingOptions>>().Value.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
        var drafter = new Actor("chuyenvien", "Chuyên viên", null, "PGDĐT", new HashSet<string> { Roles.Drafter });
        var schedule = await services.GetRequiredService<ReportingScheduleStore>().CreateStandaloneAsync(new ScheduleInput
        {
            Title = "Báo cáo của nhóm trường lớn", Frequency = "once", DueDate = new DateOnly(2026, 3, 20),
            Target = new ScheduleTargetInput(Group: "Nhóm trường lớn"),
        }, definition, drafter, clock.GetUtcNow(), CancellationToken.None);
        var period = await ScalarAsync<Guid>(app, $"SELECT id FROM reporting_periods WHERE schedule_id = '{schedule}'");
        var cycle = services.GetRequiredService<ReportingCycle>();

        await cycle.RunPeriodAsync(period, Vn(2026, 3, 10, 8)); // opened: one request per school
        Assert.Equal((long)Schools, await ScalarAsync<long>(app, $"SELECT count(*) FROM report_requests WHERE period_id = '{period}'"));
        await ScalarAsync<long>(app, $"WITH s AS (UPDATE report_requests SET first_submitted_at = '2026-03-12T03:00:00Z' WHERE period_id = '{period}' AND school_name IN ('Trường số 1', 'Trường số 2') RETURNING 1) SELECT count(*) FROM s");

        // Monday 23 March, after the overdue notice's instant (07:00, the working day after the deadline).
        await cycle.RunPeriodAsync(period, Vn(2026, 3, 23, 8));
        const string Notices = "SELECT count(*) FROM outgoing_messages WHERE category = 'overdue'";
        const string Distinct = "SELECT count(DISTINCT reference_id) FROM outgoing_messages WHERE category = 'overdue'";
        Assert.Equal((long)Schools - 2, await ScalarAsync<long>(app, Notices));
        Assert.Equal((long)Schools - 2, await ScalarAsync<long>(app, Distinct));
        Assert.Equal((long)Schools - 2, await ScalarAsync<long>(app, $"SELECT count(*) FROM report_requests WHERE period_id = '{period}' AND overdue_at IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync<long>(app,
            $"SELECT count(*) FROM report_requests r JOIN outgoing_messages m ON m.reference_id = r.id AND m.category = 'overdue' WHERE r.first_submitted_at IS NOT NULL"));

        // As if the parts had committed and the step's own transaction had not: the step runs again and adds nothing.
        await ScalarAsync<long>(app, $"WITH d AS (DELETE FROM reporting_steps_done WHERE period_id = '{period}' AND request_id IS NULL AND step = 'overdue' RETURNING 1) SELECT count(*) FROM d");
        await cycle.RunPeriodAsync(period, Vn(2026, 3, 23, 9));
        Assert.Equal((long)Schools - 2, await ScalarAsync<long>(app, Notices));
        Assert.Equal(1L, await ScalarAsync<long>(app, $"SELECT count(*) FROM reporting_steps_done WHERE period_id = '{period}' AND request_id IS NULL AND step = 'overdue'"));
        Assert.Equal(2L, await ScalarAsync<long>(app, $"SELECT count(*) FROM audit_log WHERE action = 'reporting.step-done' AND data ->> 'step' = 'overdue'"));
    }
}
