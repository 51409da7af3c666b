using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Host.Reporting;
using Workflows.Reporting;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

public sealed class ReportingClusterTests
{
    [Fact]
    public async Task Two_Hosts_on_one_database_send_each_request_and_reminder_once()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2026, 3, 2, 8).ToUniversalTime());
        await using var first = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port, "node-1"));
        await using var second = new WorkflowsApp(first.ConnectionString, clock: clock, settings: Settings(smtp.Port, "node-2"));
        _ = second.Server;
        var flow = await PlanFlow.StartAsync(first);
        var planId = await ReleasePlan95Async(flow);
        var march = (await ScheduleOfAsync(flow.Clerk, planId)).GetProperty("periods")[0];
        Assert.Equal("Tháng 3/2026", march.GetProperty("label").GetString());

        // Both nodes' Hangfire servers run the catch-up job and both cycles run by hand at the same instant, on every step.
        foreach (var at in new[] { march.GetProperty("opensAt").GetDateTimeOffset(), StepTime(march, -3), StepTime(march, -1) })
        {
            clock.AdjustTime(at.ToUniversalTime());


            await Task.WhenAll(
                RunCycleAsync(first, second),
                RunCycleAsync(second, first),
                first.Services.GetRequiredService<ReportingCycle>().RunDueAsync(at),
                second.Services.GetRequiredService<ReportingCycle>().RunDueAsync(at));
        }

        var mail = await MailAsync(smtp, 27);
        await Task.Delay(2000);
        mail = ReportingMail(smtp);
        Assert.Equal(27, mail.Count);
        Assert.All(mail.GroupBy(m => (string.Join(",", m.To), m.Subject)), g => Assert.Single(g));
        Assert.Equal(Schools.Order(), mail.Where(m => m.Subject.StartsWith("Nhắc hạn: còn 1", StringComparison.Ordinal)).SelectMany(m => m.To).Order());
        Assert.Equal(2L, await ScalarAsync<long>(first, "SELECT count(*) FROM hangfire.server WHERE id LIKE 'node-1:%' OR id LIKE 'node-2:%'"));
        Assert.Equal(27L, await ScalarAsync<long>(first, "SELECT count(*) FROM reporting_steps_done WHERE request_id IS NOT NULL"));
    }

    [Fact]
    public async Task Steps_missed_while_every_Host_was_down_run_once_when_one_starts_again_also_across_the_deadline()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2026, 3, 2, 8).ToUniversalTime());
        string connectionString;
        System.Text.Json.JsonElement march;
        await using (var before = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port, "node-1")))
        {
            var flow = await PlanFlow.StartAsync(before);
            var planId = await ReleasePlan95Async(flow);
            march = (await ScheduleOfAsync(flow.Clerk, planId)).GetProperty("periods")[0];
            connectionString = before.ConnectionString;
        }

        // Down across the opening and the first reminder of March; up again before the second reminder.
        clock.AdjustTime(StepTime(march, -3).AddHours(5).ToUniversalTime());
        await using (var after = new WorkflowsApp(connectionString, clock: clock, settings: Settings(smtp.Port, "node-2")))
        {
            var monitor = after.Services.GetRequiredService<ReportingCycleMonitor>();
            await WaitForRunAsync([monitor], [0]); // every node with a server runs the catch-up once at start-up
            await MailAsync(smtp, 18);
            await RunCycleAsync(after);
            await Task.Delay(1500);
            var mail = ReportingMail(smtp);
            Assert.Equal(18, mail.Count);
            Assert.Equal(Schools.Order(), mail.Where(m => m.Subject.StartsWith("Đề nghị gửi báo cáo", StringComparison.Ordinal)).SelectMany(m => m.To).Order());
            Assert.Equal(Schools.Order(), mail.Where(m => m.Subject.StartsWith("Nhắc hạn: còn 3", StringComparison.Ordinal)).SelectMany(m => m.To).Order());
        }

        // Down again across the deadline: at the next start the overdue notices go out once; the last reminder, now
        // pointless, is recorded without a message.
        clock.AdjustTime(StepTime(march, 1).AddHours(2).ToUniversalTime());
        await using (var again = new WorkflowsApp(connectionString, clock: clock, settings: Settings(smtp.Port, "node-3")))
        {
            await WaitForRunAsync([again.Services.GetRequiredService<ReportingCycleMonitor>()], [0]);
            await MailAsync(smtp, 27);
            await RunCycleAsync(again);
            await Task.Delay(1500);
            var mail = ReportingMail(smtp);
            Assert.Equal(27, mail.Count);
            Assert.Equal(Schools.Order(), mail.Where(m => m.Subject.StartsWith("Quá hạn gửi báo cáo", StringComparison.Ordinal)).SelectMany(m => m.To).Order());
            Assert.DoesNotContain(mail, m => m.Subject.StartsWith("Nhắc hạn: còn 1", StringComparison.Ordinal));
            Assert.Equal(1L, await ScalarAsync<long>(again, "SELECT count(*) FROM reporting_steps_done WHERE step = 'remind-1' AND request_id IS NULL"));
        }
    }

    [Fact]
    public async Task A_node_that_dies_in_the_middle_of_opening_a_period_leaves_nothing_half_done_and_another_run_finishes_it()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2026, 3, 2, 8).ToUniversalTime());
        await using var app = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);
        var march = (await ScheduleOfAsync(flow.Clerk, await ReleasePlan95Async(flow))).GetProperty("periods")[0];
        clock.AdjustTime(march.GetProperty("opensAt").GetDateTimeOffset().ToUniversalTime());

        // Another node is opening March: it holds the period's row and has written part of its work, then its process dies.
        var dying = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await dying.OpenAsync();
        var transaction = await dying.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand(
            "UPDATE reporting_periods SET state = 'open' WHERE period_key = '2026-03'", dying, transaction))
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        await RunCycleAsync(app);
        await Task.Delay(1000);
        Assert.Empty(ReportingMail(smtp));
        await dying.DisposeAsync(); // the connection drops: PostgreSQL rolls the dead node's transaction back

        await RunCycleAsync(app);
        var mail = await MailAsync(smtp, 9);
        await RunCycleAsync(app);
        await Task.Delay(1000);
        Assert.Equal(Schools.Order(), ReportingMail(smtp).SelectMany(m => m.To).Order());
    }
}
