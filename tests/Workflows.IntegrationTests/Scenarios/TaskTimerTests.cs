using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Reporting.Steps;
using Workflows.TaskTimers;
using Workflows.Kernel;

using static Workflows.IntegrationTests.Scenarios.TimerScenarioReads;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// Drives <c>Definitions/timers.json</c>: a review task created on Thursday 31/12/2026 (the day before the New Year holiday) is
/// reminded after one working day (Monday 04/01/2027, past the holiday and the weekend) and escalated to the signers' queue
/// after two (Tuesday 05/01/2027), at the time of day it was created; a timer firing after the task is done changes nothing.
/// The timers are rows written with the task and fired when due by <see cref="TaskTimerStore.FireDueAsync"/> (the recurring job's
/// call), each once.
/// </summary>
public sealed class TaskTimerTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public async Task A_reminder_and_an_escalation_fire_after_working_days_across_a_holiday_and_a_weekend()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 10, 0, 0, Vietnam).ToUniversalTime());
        await using var app = ScenarioApp.With("timers.json", clock);
        var flow = await PlanFlow.StartAsync(app);
        await SetEmailAsync(app, "photruongphong", "pho.truong.phong@pgd.example.vn");
        var planId = await flow.CreateAsync("Kế hoạch kiểm tra nội bộ trường học");
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "timers" })).StatusCode);
        var task = await PlanFlow.TaskOfAsync(flow.Reviewer, planId);
        var scheduler = app.Services.GetServices<global::Workflows.Engine.ITaskOpenedHandler>().OfType<TaskTimerScheduler>().Single();
        var created = clock.GetUtcNow();
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 10, 0, 0, Vietnam), scheduler.After(created, 1));
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 10, 0, 0, Vietnam), scheduler.After(created, 2));
        var handler = app.Services.GetServices<ITaskTimerHandler>().Single(h => h.Kind == global::Workflows.Engine.TaskTimerNames.Kind);
        var timers = app.Services.GetRequiredService<TaskTimerStore>();
        Assert.Equal([("remind-1", scheduler.After(created, 1)), ("escalate", scheduler.After(created, 2))],
            (await timers.PendingAsync(task)).Select(t => (t.Name, t.At)));
        clock.SetUtcNow(scheduler.After(created, 1).ToUniversalTime().AddMinutes(-1));
        await timers.FireDueAsync(clock.GetUtcNow());
        Assert.DoesNotContain(await HistoryAsync(flow, planId), h => h.GetProperty("what").GetString() == "task.reminded");

        clock.SetUtcNow(scheduler.After(created, 1).ToUniversalTime());
        await timers.FireDueAsync(clock.GetUtcNow());

        Assert.Equal(["pho.truong.phong@pgd.example.vn"], await AddressesAsync(app, "task-reminder", planId));
        Assert.Single(await HistoryAsync(flow, planId), h => h.GetProperty("what").GetString() == "task.reminded");

        Assert.Equal(["escalate"], (await timers.PendingAsync(task)).Select(t => t.Name));
        clock.SetUtcNow(scheduler.After(created, 2).ToUniversalTime());
        await timers.FireDueAsync(clock.GetUtcNow());
        Assert.Empty(await timers.PendingAsync(task));

        Assert.Single(await HistoryAsync(flow, planId), h => h.GetProperty("what").GetString() == "task.escalated");
        var moved = (await flow.Signer.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task);
        Assert.Equal(Roles.Signer, moved.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Signer, await PlanFlow.TaskOfAsync(flow.Signer, planId), "approve")).StatusCode);

        await handler.FireAsync(task, "remind-1", clock.GetUtcNow(), CancellationToken.None);
        await handler.FireAsync(task, "escalate", clock.GetUtcNow(), CancellationToken.None);

        var history = await HistoryAsync(flow, planId);
        Assert.Single(history, h => h.GetProperty("what").GetString() == "task.reminded");
        Assert.Single(history, h => h.GetProperty("what").GetString() == "task.escalated");
        Assert.Equal("approved", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_due_timers_job_runs_every_minute()
    {
        await using var app = new WorkflowsApp();
        using var client = app.CreateClient();
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == global::Workflows.Host.Reporting.DueTaskTimersJob.RecurringId);
        Assert.Equal("* * * * *", job.Cron);
    }
}
