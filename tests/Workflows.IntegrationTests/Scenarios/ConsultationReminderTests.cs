using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.TaskTimers;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// Drives <c>Definitions/consultation-reminders.json</c>: a parallel step's <c>reminders</c> apply to each branch. Opened on
/// Thursday 04/03/2027 at 10:00, each branch gets its own reminder timer for Friday 05/03 at 10:00; when they fire, the branch
/// already answered is left alone and the open one is reminded by its branch's name.
/// </summary>
public sealed class ConsultationReminderTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [Fact]
    public async Task Each_branch_of_a_consultation_has_its_reminder_and_only_the_branch_still_open_is_reminded()
    {
        var opened = new DateTimeOffset(2027, 3, 4, 10, 0, 0, Vietnam);
        var clock = new FakeTimeProvider(opened.ToUniversalTime());
        await using var app = ScenarioApp.With("consultation-reminders.json", clock);
        var flow = await PlanFlow.StartAsync(app);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            using (app.CreateClient()) { }
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = "UserName" || '@uongbi.example.org' WHERE "BodyCode" = 'PGDĐT'""");
        }
        var planId = await flow.CreateAsync("Kế hoạch bồi dưỡng thường xuyên giáo viên");
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "consultation-reminders" })).StatusCode);
        var reviewerBranch = await PlanFlow.TaskOfAsync(flow.Reviewer, planId);
        var clerkBranch = await PlanFlow.TaskOfAsync(flow.Clerk, planId);

        // One timer per branch, one working day after the opening.
        var reminderAt = new DateTimeOffset(2027, 3, 5, 10, 0, 0, Vietnam);
        var timers = app.Services.GetRequiredService<TaskTimerStore>();
        var scheduled = (await timers.PendingAsync(reviewerBranch)).Concat(await timers.PendingAsync(clerkBranch))
            .Select(t => (t.SubjectId, t.Name, t.At)).ToHashSet();
        Assert.Equal(new HashSet<(Guid, string, DateTimeOffset)> { (reviewerBranch, "remind-1", reminderAt), (clerkBranch, "remind-1", reminderAt) }, scheduled);

        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Reviewer, reviewerBranch, "agree", "Thống nhất")).StatusCode);
        clock.SetUtcNow(reminderAt.ToUniversalTime());
        await timers.FireDueAsync(clock.GetUtcNow());

        await using var check = new NpgsqlConnection(app.ConnectionString);
        var reminders = (await check.QueryAsync<(string Address, string Subject)>(
            "SELECT address, subject FROM outgoing_messages WHERE category = 'task-reminder' AND plan_id = @planId", new { planId })).AsList();
        var reminder = Assert.Single(reminders);
        Assert.Equal("vanthu@uongbi.example.org", reminder.Address);
        Assert.Equal("Nhắc việc: Ý kiến văn thư – Kế hoạch bồi dưỡng thường xuyên giáo viên", reminder.Subject);
        var history = (await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray().ToList();
        Assert.Single(history, h => h.GetProperty("what").GetString() == "task.reminded");
        Assert.Equal("in-consultation", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
    }
}
