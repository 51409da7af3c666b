using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Engine;

namespace Workflows.IntegrationTests.Engine;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Fifty_plans_issued_at_once_get_fifty_distinct_consecutive_numbers()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var plans = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            var planId = await flow.CreateAsync($"Kế hoạch số {i}");
            await flow.SubmitAsync(planId);
            await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
            await PlanFlow.ActAsync(flow.Signer, planId, "approve");
            plans.Add(planId);
        }
        var clerkTasks = (await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray()
            .Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(50, clerkTasks.Count);
        var clerks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.SignInAsync("vanthu")));

        var responses = await Task.WhenAll(clerkTasks.Select((task, i) => PlanFlow.CompleteAsync(clerks[i % clerks.Length], task, "approve")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var numbers = new List<int>();
        foreach (var planId in plans)
        {
            var plan = await flow.PlanAsync(planId);
            numbers.Add(plan.GetProperty("number").GetInt32());
            Assert.Equal($"{plan.GetProperty("number").GetInt32():00}/KH-PGDĐT", plan.GetProperty("symbol").GetString());
        }
        Assert.Equal(Enumerable.Range(1, 50), numbers.Order());
    }

    [Fact]
    public async Task Two_people_completing_one_task_at_once_give_one_success_and_one_conflict()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var secondSigner = await app.SignInAsync("photruongphong");
        var planId = await flow.CreateAsync("Kế hoạch phòng chống bão lũ");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var task = await PlanFlow.TaskOfAsync(flow.Signer, planId);

        var responses = await Task.WhenAll(
            PlanFlow.CompleteAsync(flow.Signer, task, "approve"),
            PlanFlow.CompleteAsync(secondSigner, task, "return", comment: "Xem lại"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var plan = await flow.PlanAsync(planId);
        var completions = plan.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("what").GetString() == "task.completed" && h.GetProperty("step").GetString() == "sign");
        Assert.Equal(1, completions);
    }

    [Fact]
    public async Task A_task_claimed_through_another_node_is_refused_to_a_colleague_on_the_node_that_opened_it()
    {
        // Node A opens the signing task (the review's approval goes through it), node B lets one signer claim it: a
        // second signer completing it through node A is refused, as the rows say, whatever node A remembers of the task.
        await using var nodeA = new WorkflowsApp();
        await using var nodeB = new WorkflowsApp(nodeA.ConnectionString);
        var flow = await PlanFlow.StartAsync(nodeA);
        var planId = await flow.CreateAsync("Kế hoạch kiểm tra cuối học kỳ I");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var task = await PlanFlow.TaskOfAsync(flow.Signer, planId);
        var deputyOnB = await nodeB.SignInAsync("photruongphong");
        Assert.Equal(HttpStatusCode.NoContent, (await deputyOnB.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);

        var refused = await PlanFlow.CompleteAsync(flow.Signer, task, "approve");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("photruongphong", await refused.Content.ReadAsStringAsync());
        var deputyOnA = await nodeA.SignInAsync("photruongphong");
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(deputyOnA, task, "approve", signingForm: "KT.")).StatusCode);
        var signed = (await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray()
            .Single(h => h.GetProperty("what").GetString() == "task.completed" && h.GetProperty("step").GetString() == "sign");
        Assert.Equal("photruongphong", signed.GetProperty("who").GetString());
    }

    [Fact]
    public async Task A_node_started_after_tasks_were_opened_remembers_them_and_still_refuses_what_the_rows_refuse()
    {
        // The signing tasks of two plans wait when a second node starts: it loads its copies of them. A signer claims one
        // through the first node afterwards; a second signer completing it through the new node is refused all the same.
        await using var nodeA = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(nodeA);
        var plans = new List<Guid>();
        foreach (var subject in new[] { "Kế hoạch ôn thi tốt nghiệp", "Kế hoạch bồi dưỡng học sinh giỏi" })
        {
            var planId = await flow.CreateAsync(subject);
            await flow.SubmitAsync(planId);
            await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
            plans.Add(planId);
        }
        await using var nodeB = new WorkflowsApp(nodeA.ConnectionString);
        var signerOnB = await nodeB.SignInAsync("truongphong");
        Assert.Equal(2, await nodeB.Services.GetRequiredService<WorkflowEngine>().RememberOpenTasksAsync());
        var claimed = await PlanFlow.TaskOfAsync(flow.Signer, plans[0]);
        var deputyOnA = await nodeA.SignInAsync("photruongphong");
        Assert.Equal(HttpStatusCode.NoContent, (await deputyOnA.PostAsync($"/api/tasks/{claimed}/claim", null)).StatusCode);

        var refused = await PlanFlow.CompleteAsync(signerOnB, claimed, "approve");
        var signed = await PlanFlow.CompleteAsync(signerOnB, await PlanFlow.TaskOfAsync(signerOnB, plans[1]), "approve");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("photruongphong", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode);
    }
}
