using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Host.Reporting;
using Workflows.Reporting;
using Workflows.Storage;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// The deadlines on Hangfire (issue 15): the delayed jobs a new period gets and their UTC instants, the recurring
/// catch-up's cron and time zone, the jobs following an edit or a cancellation, and the dashboard for Admins only.
/// The clock is March 2027, so that every job is still pending in real time.
/// </summary>
public sealed class HangfireSchedulingTests
{
    private static readonly DateTimeOffset Start = Vn(2027, 3, 1, 8).ToUniversalTime();

    private static async Task<JsonElement> CreateOnceAsync(HttpClient client, string dueDate)
    {
        var response = await client.PostAsJsonAsync("/api/reporting/schedules", new { title = "Báo cáo thử hẹn giờ", frequency = "once", dueDate });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Each step of the definition at its instant: the opening, 3 and 1 working days before, 1 and 4 after the deadline's last day, 07:00 Vietnam time.</summary>
    private static (string Step, DateTimeOffset At)[] Expected(JsonElement period) =>
    [
        ("request", period.GetProperty("opensAt").GetDateTimeOffset()),
        ("remind-3", StepTime(period, -3)), ("remind-1", StepTime(period, -1)), ("overdue", StepTime(period, 1)), ("leaders", StepTime(period, 4)),
    ];

    /// <summary>The scheduled Hangfire jobs of one period: step and UTC instant, read from the job storage itself.</summary>
    private static (string Step, DateTimeOffset At)[] ScheduledJobs(WorkflowsApp app, Guid periodId)
    {
        var jobs = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000);
        return jobs.Where(j => j.Value.Job.Type == typeof(ReportingStepJob) && (Guid)j.Value.Job.Args[0] == periodId)
            .Select(j => ((string)j.Value.Job.Args[1], new DateTimeOffset(DateTime.SpecifyKind(j.Value.EnqueueAt, DateTimeKind.Utc))))
            .OrderBy(j => j.Item2).ToArray();
    }

    [Fact]
    public async Task A_new_period_gets_one_delayed_job_per_step_at_its_UTC_instant_and_the_catch_up_recurs_every_minute_in_Vietnam_time()
    {
        using var smtp = new TestSmtpServer().Start();
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Start), settings: Settings(smtp.Port));
        var clerk = await app.SignInAsync("vanthu");
        var schedule = await CreateOnceAsync(clerk, "2027-03-19");
        var period = schedule.GetProperty("periods")[0];
        var periodId = period.GetProperty("id").GetGuid();

        var expected = Expected(period);
        Assert.Equal(expected, ScheduledJobs(app, periodId));

        // The schedule's steps as the API (and its page) show them, read from the same jobs: UTC and Vietnam time.
        var steps = (await clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/schedules/{schedule.GetProperty("id").GetGuid()}/steps"))!;
        Assert.Equal(expected.Select(e => e.Step), steps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(expected.Select(e => e.At), steps.Select(s => s.GetProperty("at").GetDateTimeOffset()));
        Assert.All(steps, s => Assert.EndsWith("+07:00", s.GetProperty("atVietnam").GetString()));
        Assert.Equal("Nhắc hạn (còn 3 ngày làm việc)", steps[1].GetProperty("stepName").GetString());

        // The schedule's page lists them in Vietnam time.
        var page = await clerk.GetStringAsync($"/bao-cao/{schedule.GetProperty("id").GetGuid()}");
        Assert.Contains("Các bước sắp tới", page);
        Assert.All(expected, e => Assert.Contains(e.At.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture), page));
        Assert.Contains("Báo cáo lãnh đạo Phòng các trường quá hạn", page);

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var catchUp = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ReportingCatchUpJob.RecurringId);
        Assert.Equal("* * * * *", catchUp.Cron);
        Assert.Equal("Asia/Ho_Chi_Minh", catchUp.TimeZoneId);
        Assert.Equal(typeof(ReportingCatchUpJob), catchUp.Job.Type);
    }

    [Fact]
    public async Task Editing_a_schedule_moves_its_pending_jobs_and_cancelling_it_deletes_them()
    {
        using var smtp = new TestSmtpServer().Start();
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Start), settings: Settings(smtp.Port));
        var clerk = await app.SignInAsync("vanthu");
        var schedule = await CreateOnceAsync(clerk, "2027-03-19");
        var id = schedule.GetProperty("id").GetGuid();
        var before = schedule.GetProperty("periods")[0].GetProperty("id").GetGuid();
        Assert.Equal(5, ScheduledJobs(app, before).Length);

        // A signer may not change it; the clerk moves the due date a week later.
        var signer = await app.SignInAsync("truongphong");
        Assert.Equal(HttpStatusCode.Forbidden, (await signer.PutAsJsonAsync($"/api/reporting/schedules/{id}", new { frequency = "once", dueDate = "2027-03-26" })).StatusCode);
        var bad = await clerk.PutAsJsonAsync($"/api/reporting/schedules/{id}", new { frequency = "once" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("dueDate", await bad.Content.ReadAsStringAsync());
        var edited = await clerk.PutAsJsonAsync($"/api/reporting/schedules/{id}", new { frequency = "once", dueDate = "2027-03-26" });
        Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        var period = Assert.Single((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("periods").EnumerateArray());
        Assert.Equal("2027-03-26", period.GetProperty("dueOn").GetString());
        Assert.Empty(ScheduledJobs(app, before));
        var after = period.GetProperty("id").GetGuid();
        Assert.Equal(Expected(period), ScheduledJobs(app, after));

        // Cancelled: no job left, no step listed, the schedule says so; a second cancellation changes nothing.
        var cancelled = await clerk.PostAsJsonAsync($"/api/reporting/schedules/{id}/cancel", new { reason = "Sở đã bãi bỏ yêu cầu" });
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Empty(ScheduledJobs(app, after));
        Assert.Empty((await clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/schedules/{id}/steps"))!);
        Assert.True((await clerk.PostAsJsonAsync($"/api/reporting/schedules/{id}/cancel", new { })).IsSuccessStatusCode);
        Assert.Equal(1L, await ScalarAsync<long>(app, "SELECT count(*) FROM audit_log WHERE action = 'reporting.schedule-cancelled'"));
        Assert.Equal(HttpStatusCode.Conflict,
            (await clerk.PutAsJsonAsync($"/api/reporting/schedules/{id}", new { frequency = "once", dueDate = "2027-04-02" })).StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_schedules_of_a_recalled_plan_deletes_the_jobs_of_every_period_not_yet_closed()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2027, 1, 4, 8).ToUniversalTime());
        await using var app = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await ReleasePlan95Async(flow);
        var periods = (await ScheduleOfAsync(flow.Clerk, planId)).GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(12, periods.Count);
        Assert.All(periods, p => Assert.Equal(5, ScheduledJobs(app, p).Length));

        var changes = app.Services.GetRequiredService<ScheduleChanges>();
        await using (var work = await UnitOfWork.BeginAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()))
        {
            Assert.Equal(1, await changes.CancelPlanSchedulesAsync(work, planId, "vanthu", clock.GetUtcNow(), default));
            Assert.All(periods, p => Assert.Equal(5, ScheduledJobs(app, p).Length)); // nothing happens before the commit
            await work.CommitAsync();
        }
        Assert.All(periods, p => Assert.Empty(ScheduledJobs(app, p)));
        Assert.Equal("cancelled", (await ScheduleOfAsync(flow.Clerk, planId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_dashboard_is_for_Admins_only_anonymous_goes_to_the_sign_in_page_and_another_role_gets_403()
    {
        await using var app = new WorkflowsApp(settings: new Dictionary<string, string?> { ["Workflows:Scheduler:Enabled"] = "false" });
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };

        var anonymous = app.CreateClient(options);
        var request = new HttpRequestMessage(HttpMethod.Get, "/quan-tri/tac-vu");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery);

        foreach (var user in new[] { "chuyenvien", "vanthu", "truongphong" })
        {
            var client = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/quan-tri/tac-vu")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/quan-tri/tac-vu/recurring")).StatusCode);
        }

        var admin = await app.SignInAsync("quantri");
        var page = await admin.GetAsync("/quan-tri/tac-vu/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tác vụ hẹn giờ", await page.Content.ReadAsStringAsync());
    }
}
