using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Engine;

/// <summary>The API lists the signing forms of each signing task and refuses any other, as the one signing policy decides.</summary>
public sealed class SigningFormsApiTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> TaskAsync(HttpClient client, Guid planId) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("planId").GetGuid() == planId);

    private static string[] FormsOf(JsonElement task) => [.. task.GetProperty("signingForms").EnumerateArray().Select(f => f.GetProperty("form").GetString()!)];

    [Fact]
    public async Task A_signing_task_lists_the_forms_of_its_holder_and_a_review_task_lists_none()
    {
        var flow = await PlanFlow.StartAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch bồi dưỡng chuyên môn hè 2027");
        await flow.SubmitAsync(planId);
        Assert.Empty(FormsOf(await TaskAsync(flow.Reviewer, planId)));
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");

        Assert.Equal(["direct"], FormsOf(await TaskAsync(flow.Signer, planId)));
        var deputy = (await TaskAsync(flow.Reviewer, planId)).GetProperty("signingForms").EnumerateArray().Single();
        Assert.Equal("KT.", deputy.GetProperty("form").GetString());
        Assert.Equal("KT. TRƯỞNG PHÒNG", deputy.GetProperty("title").GetString());
        Assert.Equal("PHÓ TRƯỞNG PHÒNG", deputy.GetProperty("secondTitle").GetString());
    }

    [Fact]
    public async Task The_API_refuses_a_form_the_policy_does_not_give_and_the_plan_stays_unsigned()
    {
        var flow = await PlanFlow.StartAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch phòng chống dịch bệnh trong trường học");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var task = await PlanFlow.TaskOfAsync(flow.Signer, planId);

        foreach (var (client, form) in new[] { (flow.Signer, "TM."), (flow.Reviewer, "TL."), (flow.Reviewer, "Q."), (flow.Reviewer, "TUQ.") })
        {
            var refused = await PlanFlow.CompleteAsync(client, task, "approve", signingForm: form);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("signingForm", problem.GetProperty("field").GetString());
        }
        var plan = await flow.PlanAsync(planId);
        Assert.Equal("awaiting-signature", plan.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("signing").ValueKind);
    }

    [Fact]
    public async Task The_chairman_of_a_ward_signs_TM_on_behalf_of_the_Peoples_Committee()
    {
        var flow = await PlanFlow.StartInWardAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch phổ cập giáo dục mầm non trên địa bàn phường năm 2027");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        Assert.Equal(["TM.", "direct"], FormsOf(await TaskAsync(flow.Signer, planId)));

        await PlanFlow.ActAsync(flow.Signer, planId, "approve", signingForm: "TM.");
        var signing = (await flow.PlanAsync(planId)).GetProperty("signing");
        Assert.Equal("TM.", signing.GetProperty("form").GetString());
        Assert.Equal("TM. ỦY BAN NHÂN DÂN", signing.GetProperty("title").GetString());
        Assert.Equal("CHỦ TỊCH", signing.GetProperty("secondTitle").GetString());
        Assert.Equal("Bùi Văn Long", signing.GetProperty("name").GetString());
    }
}
