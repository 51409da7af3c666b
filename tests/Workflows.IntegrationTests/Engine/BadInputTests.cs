using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workflows.IntegrationTests.Engine;

public sealed class BadInputTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();
    private PlanFlow _flow = null!;

    public async Task InitializeAsync() => _flow = await PlanFlow.StartAsync(_app);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_plan_without_a_subject_is_refused_naming_the_field()
    {
        var response = await _flow.Drafter.PostAsJsonAsync("/api/plans", new { subject = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details_not_a_500()
    {
        var response = await _flow.Drafter.PostAsync("/api/plans", new StringContent("{\"subject\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_outcome_is_refused_naming_the_field()
    {
        var planId = await _flow.CreateAsync("Kế hoạch ngoại khóa");
        await _flow.SubmitAsync(planId);
        var response = await PlanFlow.CompleteAsync(_flow.Reviewer, await PlanFlow.TaskOfAsync(_flow.Reviewer, planId), "sign-twice");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("outcome", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_task_or_plan_gets_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PlanFlow.CompleteAsync(_flow.Signer, Guid.NewGuid(), "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _flow.Drafter.GetAsync($"/api/plans/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_plan_under_review_cannot_be_edited()
    {
        var planId = await _flow.CreateAsync("Kế hoạch an toàn giao thông");
        await _flow.SubmitAsync(planId);
        var response = await _flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { subject = "Đổi" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
