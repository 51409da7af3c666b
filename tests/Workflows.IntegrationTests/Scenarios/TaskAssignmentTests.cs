using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>A task in the role's queue: claimed by one person, seen taken by the others, released, reassigned.</summary>
public sealed class TaskAssignmentTests
{
    [Fact]
    public async Task Two_signers_claiming_one_task_at_once_one_wins_and_the_other_sees_it_taken_and_cannot_complete_it()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var deputy = await app.SignInAsync("photruongphong");
        var planId = await flow.CreateAsync("Kế hoạch phòng chống dịch bệnh trong trường học");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var task = await PlanFlow.TaskOfAsync(flow.Signer, planId);

        var responses = await Task.WhenAll(flow.Signer.PostAsync($"/api/tasks/{task}/claim", null), deputy.PostAsync($"/api/tasks/{task}/claim", null));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        var loser = responses[0].StatusCode == HttpStatusCode.Conflict ? flow.Signer : deputy;
        var winner = loser == deputy ? "truongphong" : "photruongphong";
        Assert.Contains(winner, await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync());
        var seen = (await loser.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == task);
        Assert.Equal(winner, seen.GetProperty("assignee").GetString());
        Assert.False(seen.GetProperty("claimable").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(loser, task, "approve", signingForm: "KT.")).StatusCode);
        var history = (await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray().ToList();
        Assert.Single(history, h => h.GetProperty("what").GetString() == "task.claimed");
    }

    [Fact]
    public async Task A_released_task_returns_to_the_queue_and_another_signer_completes_it()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var deputy = await app.SignInAsync("photruongphong");
        var planId = await flow.CreateAsync("Kế hoạch ngày hội đọc sách");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var task = await PlanFlow.TaskOfAsync(flow.Signer, planId);
        Assert.Equal(HttpStatusCode.NoContent, (await flow.Signer.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync($"/api/tasks/{task}/release", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await flow.Signer.PostAsync($"/api/tasks/{task}/release", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(deputy, task, "approve", signingForm: "KT.")).StatusCode);
        var whats = (await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()).ToList();
        Assert.Contains("task.claimed", whats);
        Assert.Contains("task.released", whats);
    }
}
