using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Host.Reporting;
using Workflows.Kernel;
using Workflows.TaskTimers;

using static Workflows.IntegrationTests.Scenarios.TimerScenarioReads;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// The task timers of <c>Definitions/timers.json</c> through Hangfire itself: the timers the engine writes with the task are
/// fired by the <see cref="DueTaskTimersJob"/> run by a Hangfire server on the Host's Hangfire.PostgreSql storage, and the
/// job takes "now" from the Host's clock (a <see cref="FakeTimeProvider"/>), not from the machine.
/// </summary>
public sealed class TaskTimerHangfireTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public async Task A_reminder_and_an_escalation_are_fired_by_the_timers_job_on_a_Hangfire_server_at_the_hosts_clock_and_a_late_run_changes_nothing()
    {
        // Created on Friday 30/10/2026 at 10:00: reminded on Monday 02/11, escalated on Tuesday 03/11, both long past in real time.
        var created = new DateTimeOffset(2026, 10, 30, 10, 0, 0, Vietnam);
        var clock = new FakeTimeProvider(created.ToUniversalTime());
        // The Host's own server is off: the test starts one once the clock stands where it wants it.
        await using var app = ScenarioApp.With("timers.json", clock, new Dictionary<string, string?> { ["Workflows:Scheduler:Enabled"] = "false" });
        var flow = await PlanFlow.StartAsync(app);
        await SetEmailAsync(app, "photruongphong", "pho.truong.phong@pgd.example.vn");
        var planId = await flow.CreateAsync("Kế hoạch kiểm tra nội bộ trường học");
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "timers" })).StatusCode);
        var task = await PlanFlow.TaskOfAsync(flow.Reviewer, planId);

        var timers = app.Services.GetRequiredService<TaskTimerStore>();
        var pending = await timers.PendingAsync(task);
        Assert.Equal(["remind-1", "escalate"], pending.Select(t => t.Name));
        Assert.Equal([new DateTimeOffset(2026, 11, 2, 10, 0, 0, Vietnam), new DateTimeOffset(2026, 11, 3, 10, 0, 0, Vietnam)], pending.Select(t => t.At));

        // The clock moves to the escalation's instant; the timers job, run by Hangfire's server, fires both.
        var firedAt = new DateTimeOffset(2026, 11, 3, 10, 0, 0, Vietnam);
        clock.SetUtcNow(firedAt.ToUniversalTime());
        var storage = app.Services.GetRequiredService<JobStorage>();
        var client = app.Services.GetRequiredService<IBackgroundJobClient>();
        using (var server = StartServer(app))
        {
            var run = client.Enqueue<DueTaskTimersJob>(j => j.RunAsync(CancellationToken.None));
            await WaitUntilAsync(() => State(storage, run) == SucceededState.StateName, "the timers job succeeded");
            Assert.Empty(await timers.PendingAsync(task));
            var history = await HistoryAsync(flow, planId);
            var reminded = Assert.Single(history, h => h.GetProperty("what").GetString() == "task.reminded");
            var escalated = Assert.Single(history, h => h.GetProperty("what").GetString() == "task.escalated");
            Assert.Equal(firedAt, reminded.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(firedAt, escalated.GetProperty("at").GetDateTimeOffset());
            Assert.Single(await AddressesAsync(app, "task-reminder", planId));
            var moved = (await flow.Signer.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task);
            Assert.Equal(Roles.Signer, moved.GetProperty("role").GetString());

            // The head approves; the job run again afterwards (the dashboard's "requeue") finds nothing due and changes nothing.
            Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Signer, task, "approve")).StatusCode);
            Assert.True(client.Requeue(run));
            await WaitUntilAsync(() => SucceededCount(storage, run) == 2, "the requeued timers job ran");
        }
        var after = await HistoryAsync(flow, planId);
        Assert.Single(after, h => h.GetProperty("what").GetString() == "task.reminded");
        Assert.Single(await AddressesAsync(app, "task-reminder", planId));
        Assert.Equal("approved", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
    }

    /// <summary>A Hangfire server on the Host's storage, with the Host's job activator and job filters.</summary>
    private static BackgroundJobServer StartServer(WorkflowsApp app)
    {
        var services = app.Services;
        return new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = $"timer-test-{Guid.NewGuid():N}",
                WorkerCount = 1,
                SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
                Activator = services.GetRequiredService<JobActivator>(),
                FilterProvider = services.GetRequiredService<Hangfire.Common.IJobFilterProvider>(),
            },
            services.GetRequiredService<JobStorage>());
    }

    private static string? State(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    private static int SucceededCount(JobStorage storage, string jobId) =>
        storage.GetMonitoringApi().JobDetails(jobId).History.Count(h => h.StateName == SucceededState.StateName);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 10 s: {what}");
            await Task.Delay(100);
        }
    }
}
