using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Host.Identity;
using Workflows.Host.Reporting;
using Workflows.TaskTimers;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// The task timers of <c>Definitions/timers.json</c> through Hangfire itself: the delayed jobs the engine schedules in the
/// Host's Hangfire.PostgreSql storage are promoted and run by a Hangfire server on that storage (polling every 200 ms),
/// and the job takes "now" from the Host's clock (a <see cref="FakeTimeProvider"/>), not from the machine.
/// </summary>
public sealed class TaskTimerHangfireTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public async Task A_reminder_and_an_escalation_scheduled_as_delayed_jobs_are_run_by_a_Hangfire_server_at_the_hosts_clock_and_a_late_run_changes_nothing()
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

        var storage = app.Services.GetRequiredService<JobStorage>();
        var jobs = TimerJobs(storage, task);
        Assert.Equal(["remind-1", "escalate"], jobs.Select(j => j.Name));
        Assert.Equal([new DateTimeOffset(2026, 11, 2, 10, 0, 0, Vietnam), new DateTimeOffset(2026, 11, 3, 10, 0, 0, Vietnam)], jobs.Select(j => j.At));

        // The clock moves to the escalation's instant; Hangfire's server promotes both delayed jobs and runs them.
        var firedAt = new DateTimeOffset(2026, 11, 3, 10, 0, 0, Vietnam);
        clock.SetUtcNow(firedAt.ToUniversalTime());
        using (var server = StartServer(app))
        {
            await WaitUntilAsync(() => jobs.All(j => State(storage, j.JobId) == SucceededState.StateName), "both timer jobs succeeded");
            var history = await HistoryAsync(flow, planId);
            var reminded = Assert.Single(history, h => h.GetProperty("what").GetString() == "task.reminded");
            var escalated = Assert.Single(history, h => h.GetProperty("what").GetString() == "task.escalated");
            Assert.Equal(firedAt, reminded.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(firedAt, escalated.GetProperty("at").GetDateTimeOffset());
            Assert.Single(await AddressesAsync(app, "task-reminder", planId));
            var moved = (await flow.Signer.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task);
            Assert.Equal("Signer", moved.GetProperty("role").GetString());

            // The head approves; a timer run again afterwards (the dashboard's "requeue") finds the task done and does nothing.
            Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Signer, task, "approve")).StatusCode);
            var client = app.Services.GetRequiredService<IBackgroundJobClient>();
            Assert.True(client.Requeue(jobs[0].JobId));
            await WaitUntilAsync(() => SucceededCount(storage, jobs[0].JobId) == 2, "the requeued reminder ran");
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

    /// <summary>The timer jobs of <paramref name="task"/> in the storage: name, instant and job id, by instant.</summary>
    private static List<(string Name, DateTimeOffset At, string JobId)> TimerJobs(JobStorage storage, Guid task) =>
        [.. storage.GetMonitoringApi().ScheduledJobs(0, 1000)
            .Where(j => j.Value.Job.Type == typeof(TaskTimerJob) && (Guid)j.Value.Job.Args[1] == task)
            .Select(j => ((string)j.Value.Job.Args[2], (DateTimeOffset)new DateTimeOffset(DateTime.SpecifyKind(j.Value.EnqueueAt, DateTimeKind.Utc)).ToOffset(Vietnam), j.Key))
            .OrderBy(j => j.Item2)];

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

    private static async Task<List<JsonElement>> HistoryAsync(PlanFlow flow, Guid planId) =>
        [.. (await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray()];

    private static async Task SetEmailAsync(WorkflowsApp app, string userName, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.Email = email;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private static async Task<List<string>> AddressesAsync(WorkflowsApp app, string category, Guid planId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT address FROM outgoing_messages WHERE category = @c AND plan_id = @p ORDER BY address", connection);
        command.Parameters.AddWithValue("c", category);
        command.Parameters.AddWithValue("p", planId);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(reader.GetString(0));
        return result;
    }
}
