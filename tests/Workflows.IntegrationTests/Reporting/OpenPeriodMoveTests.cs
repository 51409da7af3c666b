using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Host.Reporting;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// Editing a schedule's due day while a period is open moves that period's deadline, as the office expects when it
/// announces a new date: the same period (same requests and links) gets the new deadline, its reminder, overdue and
/// summary jobs move to the new instants, each school that has not submitted is told the new date by email, and the
/// edit's audit record names the move. The clock is March 2027, so that every job is still pending in real time.
/// </summary>
public sealed class OpenPeriodMoveTests
{
    private static (string Step, DateTimeOffset At)[] ScheduledJobs(WorkflowsApp app, Guid periodId) =>
        app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000)
            .Where(j => j.Value.Job.Type == typeof(ReportingStepJob) && (Guid)j.Value.Job.Args[0] == periodId)
            .Select(j => ((string)j.Value.Job.Args[1], new DateTimeOffset(DateTime.SpecifyKind(j.Value.EnqueueAt, DateTimeKind.Utc))))
            .OrderBy(j => j.Item2).ToArray();

    [Fact]
    public async Task Moving_the_due_day_while_a_period_is_open_moves_its_deadline_and_steps_and_tells_the_schools_that_have_not_submitted()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2027, 3, 1, 8).ToUniversalTime());
        await using var app = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port));
        var clerk = await app.SignInAsync("vanthu");
        var input = new { title = "Báo cáo công tác phòng chống đuối nước", frequency = "monthly", dueDay = 15, startsOn = "2027-03-01", endsOn = "2027-04-30" };
        var created = await clerk.PostAsJsonAsync("/api/reporting/schedules", input);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // March opens on 05/03 (due Monday 15/03); a week later one school has submitted.
        clock.SetUtcNow(Vn(2027, 3, 8, 8).ToUniversalTime());
        await RunCycleAsync(app);
        var asked = await ScalarAsync<long>(app, $"SELECT count(*) FROM report_requests WHERE schedule_id = '{id}'");
        Assert.True(asked > 1);
        await SubmitAsync(app, Schools[0], "2027-03", Vn(2027, 3, 8, 9));

        // The office moves the due day to the 20th: Saturday 20/03/2027, so the deadline is the end of Monday 22/03/2027.
        var edited = await clerk.PutAsJsonAsync($"/api/reporting/schedules/{id}", input with { dueDay = 20 });
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        var march = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("periods").EnumerateArray()
            .Single(p => p.GetProperty("key").GetString() == "2027-03");
        Assert.Equal("open", march.GetProperty("state").GetString());
        Assert.Equal("2027-03-20", march.GetProperty("dueOn").GetString());
        Assert.Equal(Vn(2027, 3, 23, 0), march.GetProperty("deadline").GetDateTimeOffset());
        var marchId = march.GetProperty("id").GetGuid();
        Assert.Equal(asked, await ScalarAsync<long>(app, $"SELECT count(*) FROM report_requests WHERE period_id = '{marchId}'"));
        Assert.Equal(
            [("remind-3", StepTime(march, -3)), ("remind-1", StepTime(march, -1)), ("overdue", StepTime(march, 1)), ("leaders", StepTime(march, 4))],
            ScheduledJobs(app, marchId));
        Assert.Equal(Vn(2027, 3, 23, 7), StepTime(march, 1)); // the overdue notice: the working day after the new last day

        // Every school that has not submitted is told; the one that submitted is not.
        Assert.Equal(asked - 1, await ScalarAsync<long>(app, "SELECT count(*) FROM outgoing_messages WHERE category = 'report-deadline'"));
        Assert.Equal(0L, await ScalarAsync<long>(app, $"SELECT count(*) FROM outgoing_messages WHERE category = 'report-deadline' AND address = '{Schools[0]}'"));
        var until = DateTime.UtcNow.AddSeconds(30);
        TestSmtpServer.Received? notice = null;
        while ((notice = smtp.Messages().FirstOrDefault(m => m.Subject.StartsWith("Thay đổi hạn gửi báo cáo", StringComparison.Ordinal))) is null)
        {
            Assert.True(DateTime.UtcNow < until, "no school received the new deadline within 30 s");
            await Task.Delay(100);
        }
        Assert.Equal("Thay đổi hạn gửi báo cáo: Báo cáo công tác phòng chống đuối nước – Tháng 3/2027", notice.Subject);
        Assert.Contains("Hạn gửi báo cáo \"Báo cáo công tác phòng chống đuối nước\" kỳ Tháng 3/2027 được đổi từ hết ngày 15/03/2027 thành hết ngày 22/03/2027.", notice.Body);
        Assert.Contains("2027-03-22", await ScalarAsync<string>(app,
            "SELECT data->'periodsMoved'->0->>'to' FROM audit_log WHERE action = 'reporting.schedule-edited'"));

        // The same rule again moves nothing and tells nobody twice.
        Assert.True((await clerk.PutAsJsonAsync($"/api/reporting/schedules/{id}", input with { dueDay = 20 })).IsSuccessStatusCode);
        Assert.Equal(asked - 1, await ScalarAsync<long>(app, "SELECT count(*) FROM outgoing_messages WHERE category = 'report-deadline'"));
    }
}
