using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Reporting;
using Workflows.Tests.Infrastructure;
using Xunit.Abstractions;
using static Workflows.Tests.Reporting.ReportingFlow;

namespace Workflows.Tests.Reporting;

/// <summary>
/// Not a timed test and not the benchmark (that is <c>bench/</c>'s): checks that opening a period for many schools and
/// marking their requests overdue are set-based and reports how long queueing took. Runs only with <c>REPORTING_SCALE=1</c>
/// (schools: <c>REPORTING_SCALE_SCHOOLS</c>, default 10,000).
/// </summary>
public sealed class ReportingScaleCheck(ITestOutputHelper output)
{
    [Fact]
    public async Task Opening_a_period_for_many_schools_and_marking_them_overdue_queues_every_message()
    {
        if (Environment.GetEnvironmentVariable("REPORTING_SCALE") != "1") return;
        var schools = int.Parse(Environment.GetEnvironmentVariable("REPORTING_SCALE_SCHOOLS") ?? "10000");
        var clock = new TestClock(Vn(2026, 3, 2, 8));
        await using var app = new WorkflowsApp(clock: clock, settings: new Dictionary<string, string?>
        {
            ["Workflows:Distribution:SenderEnabled"] = "false",
            ["Workflows:Scheduler:Enabled"] = "false",
        });
        _ = app.Server;
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"""
                INSERT INTO directory_entries (id, name, kind) VALUES ('00000000-0000-0000-0000-00000000a11a', 'Nhóm thử tải', 'group');
                INSERT INTO directory_entries (id, name, kind, email)
                SELECT gen_random_uuid(), 'Trường thử ' || i, 'school', 'truong' || i || '@scale.example.org' FROM generate_series(1, {schools}) i;
                INSERT INTO directory_members (group_id, member_id)
                SELECT '00000000-0000-0000-0000-00000000a11a', id FROM directory_entries WHERE name LIKE 'Trường thử %';
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        var drafter = await app.SignInAsync("chuyenvien");
        var created = await drafter.PostAsJsonAsync("/api/reporting/schedules", new
        {
            title = "Báo cáo thử tải", frequency = "once", dueDate = "2026-03-20", target = new { group = "Nhóm thử tải" },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var cycle = app.Services.GetRequiredService<ReportingCycle>();

        var watch = Stopwatch.StartNew();
        var opened = await cycle.RunDueAsync(Vn(2026, 3, 10, 8));
        var openSeconds = watch.Elapsed.TotalSeconds;
        Assert.Equal(schools, opened.MessagesQueued);

        watch.Restart();
        var overdue = await cycle.RunDueAsync(Vn(2026, 3, 26, 8));
        var overdueSeconds = watch.Elapsed.TotalSeconds;
        Assert.Equal(schools + 2, overdue.MessagesQueued); // the notices and one summary per leader
        Assert.Equal((long)schools, await ScalarAsync<long>(app, "SELECT count(*) FROM report_requests WHERE overdue_at IS NOT NULL"));

        var line = $"REPORTING SCALE: {schools} schools: period opened and {schools} requests queued in {openSeconds:F1} s; "
            + $"reminders skipped, {schools} overdue notices and the summary queued in {overdueSeconds:F1} s";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
