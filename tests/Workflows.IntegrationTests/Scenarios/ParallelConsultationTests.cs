using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>Drives <c>Definitions/consultation-one-returns.json</c>: a parallel step with join <c>all</c>, one branch returning.</summary>
public sealed class ParallelConsultationTests
{
    [Fact]
    public async Task Both_branches_open_at_once_and_one_return_sends_the_draft_back_with_each_answer_in_the_history()
    {
        await using var app = ScenarioApp.With("consultation-one-returns.json");
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch tổ chức hội thi giáo viên dạy giỏi");
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "consultation-one-returns" })).StatusCode);

        var reviewerTask = await PlanFlow.TaskOfAsync(flow.Reviewer, planId);
        var clerkTask = await PlanFlow.TaskOfAsync(flow.Clerk, planId);
        Assert.Equal("in-consultation", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        var shown = (await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == clerkTask);
        Assert.Equal("Ý kiến văn thư", shown.GetProperty("stepName").GetString());
        Assert.Equal(["agree", "return"], shown.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PlanFlow.CompleteAsync(flow.Clerk, clerkTask, "return")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Reviewer, reviewerTask, "agree", "Thống nhất nội dung")).StatusCode);
        Assert.Equal("in-consultation", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Clerk, clerkTask, "return", "Thiếu nơi nhận Sở GD&ĐT")).StatusCode);

        var plan = await flow.PlanAsync(planId);
        Assert.Equal("returned", plan.GetProperty("status").GetString());
        var history = plan.GetProperty("history").EnumerateArray().ToList();
        var answers = history.Where(h => h.GetProperty("what").GetString() == "task.completed" && h.GetProperty("step").GetString() == "consult").ToList();
        Assert.Equal(2, answers.Count);
        Assert.Contains(answers, a => a.GetProperty("outcome").GetString() == "agree" && a.GetProperty("comment").GetString() == "Thống nhất nội dung");
        Assert.Contains(answers, a => a.GetProperty("outcome").GetString() == "return" && a.GetProperty("comment").GetString() == "Thiếu nơi nhận Sở GD&ĐT");
        Assert.Single(history, h => h.GetProperty("what").GetString() == "parallel.joined");

        await flow.SubmitAsync(planId);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Reviewer, await PlanFlow.TaskOfAsync(flow.Reviewer, planId), "agree")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Clerk, await PlanFlow.TaskOfAsync(flow.Clerk, planId), "agree")).StatusCode);
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
    }
}
