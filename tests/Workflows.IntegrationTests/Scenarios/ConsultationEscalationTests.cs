using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Kernel;
using Workflows.Reporting.Steps;
using Workflows.TaskTimers;

using static Workflows.IntegrationTests.Scenarios.TimerScenarioReads;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// Drives <c>Definitions/consultation-escalation.json</c>: each branch of a consultation escalates by its own
/// <c>escalation</c>, else by the step's. Opened on Thursday 31/12/2026 at 10:00, the day before the New Year holiday: nothing
/// fires on the holiday or the weekend; on Monday 04/01/2027 (one working day) the reviewer's silence counts as consent; on
/// Tuesday 05/01 (two) the clerk's branch moves to the signers' queue and the signers are told of the drafter's branch. A
/// timer firing again after its branch was answered changes nothing. The timers are rows of <c>task_timers</c> fired by
/// <see cref="TaskTimerStore.FireDueAsync"/>, the recurring job's call.
/// </summary>
public sealed class ConsultationEscalationTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static async Task<(string Role, string Status, string? Outcome, string? CompletedBy)> BranchAsync(WorkflowsApp app, Guid taskId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return await connection.QuerySingleAsync<(string, string, string?, string?)>(
            "SELECT role, status, outcome, completed_by FROM human_tasks WHERE id = @taskId", new { taskId });
    }

    [Fact]
    public async Task Consultation_branches_escalate_by_their_own_rule_after_working_days_across_a_holiday_and_a_weekend()
    {
        var opened = new DateTimeOffset(2026, 12, 31, 10, 0, 0, Vietnam);
        var clock = new FakeTimeProvider(opened.ToUniversalTime());
        await using var app = ScenarioApp.With("consultation-escalation.json", clock);
        var flow = await PlanFlow.StartAsync(app);
        await SetEmailAsync(app, "truongphong", "truong.phong@pgd.example.vn");
        await SetEmailAsync(app, "photruongphong", "pho.truong.phong@pgd.example.vn");
        var planId = await flow.CreateAsync("Kế hoạch tổ chức Hội khỏe Phù Đổng cấp huyện");
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "consultation-escalation" })).StatusCode);
        var reviewerBranch = await PlanFlow.TaskOfAsync(flow.Reviewer, planId);
        var clerkBranch = await PlanFlow.TaskOfAsync(flow.Clerk, planId);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            var drafterBranch = await connection.QuerySingleAsync<Guid>("SELECT id FROM human_tasks WHERE plan_id = @planId AND branch = 'chuyen-vien'", new { planId });
            var timers = app.Services.GetRequiredService<TaskTimerStore>();
            var monday = new DateTimeOffset(2027, 1, 4, 10, 0, 0, Vietnam);
            var tuesday = new DateTimeOffset(2027, 1, 5, 10, 0, 0, Vietnam);
            Assert.Equal([("escalate", monday)], (await timers.PendingAsync(reviewerBranch)).Select(t => (t.Name, t.At)));
            Assert.Equal([("escalate", tuesday)], (await timers.PendingAsync(clerkBranch)).Select(t => (t.Name, t.At)));
            Assert.Equal([("escalate", tuesday)], (await timers.PendingAsync(drafterBranch)).Select(t => (t.Name, t.At)));

            // The holiday (Friday 01/01) and the weekend: nothing is due.
            clock.SetUtcNow(new DateTimeOffset(2027, 1, 3, 18, 0, 0, Vietnam).ToUniversalTime());
            Assert.Equal(0, await timers.FireDueAsync(clock.GetUtcNow()));
            Assert.Equal((Roles.Reviewer, "open", (string?)null, (string?)null), await BranchAsync(app, reviewerBranch));

            // Monday, one working day: the reviewer's branch agrees by itself; the consultation waits for the others.
            clock.SetUtcNow(monday.ToUniversalTime());
            Assert.Equal(1, await timers.FireDueAsync(clock.GetUtcNow()));
            Assert.Equal((Roles.Reviewer, "completed", "agree", "system"), await BranchAsync(app, reviewerBranch));
            Assert.Equal("in-consultation", (await flow.PlanAsync(planId)).GetProperty("status").GetString());

            // Tuesday, two working days: the clerk's branch moves to the signers' queue; the signers are told of the drafter's.
            clock.SetUtcNow(tuesday.ToUniversalTime());
            Assert.Equal(2, await timers.FireDueAsync(clock.GetUtcNow()));
            Assert.Equal((Roles.Signer, "open", (string?)null, (string?)null), await BranchAsync(app, clerkBranch));
            Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(flow.Clerk, clerkBranch, "agree", "Thống nhất")).StatusCode);
            Assert.Equal(["pho.truong.phong@pgd.example.vn", "truong.phong@pgd.example.vn"], await AddressesAsync(app, "task-escalation", planId));
            var told = await connection.QuerySingleAsync<string>(
                "SELECT subject FROM outgoing_messages WHERE category = 'task-escalation' AND plan_id = @planId LIMIT 1", new { planId });
            Assert.Equal("Việc chậm xử lý: Ý kiến chuyên viên – Kế hoạch tổ chức Hội khỏe Phù Đổng cấp huyện", told);

            // The reviewer's timer firing again (a late or repeated job) leaves the answered branch alone.
            var handler = app.Services.GetServices<ITaskTimerHandler>().Single(h => h.Kind == global::Workflows.Engine.TaskTimerNames.Kind);
            await handler.FireAsync(reviewerBranch, "escalate", clock.GetUtcNow(), CancellationToken.None);
            Assert.Equal((Roles.Reviewer, "completed", "agree", "system"), await BranchAsync(app, reviewerBranch));

            // The signer answers the moved branch, the drafter theirs: the consultation agrees.
            Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Signer, clerkBranch, "agree", "Thống nhất")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Drafter, drafterBranch, "agree", "Thống nhất")).StatusCode);
            Assert.Equal("approved", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
            var history = await HistoryAsync(flow, planId);
            Assert.Equal(3, history.Count(h => h.GetProperty("what").GetString() == "task.escalated"));

            // The plan's page says it in words.
            var page = WebUtility.HtmlDecode(await flow.Drafter.GetStringAsync($"/ke-hoach/{planId}"));
            Assert.Contains("Tự động đồng ý do quá hạn — Ý kiến lãnh đạo kiểm tra", page);
            Assert.Contains("Chuyển lên do quá hạn — Ý kiến văn thư", page);
            Assert.Contains("Báo chậm xử lý — Ý kiến chuyên viên", page);
        }
    }
}
