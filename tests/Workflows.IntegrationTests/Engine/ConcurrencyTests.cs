using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
}
