using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Engine;

public sealed class PlanApprovalFlowTests
{
    [Theory]
    [InlineData("uongbi-2020-82-KH-PGDDT.txt")]
    [InlineData("bache-2021-ke-hoach-hanh-dong.txt")]
    [InlineData("uongbi-2023-95-KH-PGDDT.txt")]
    public async Task Each_seed_plan_goes_from_upload_to_released_with_the_first_number_of_the_year(string file)
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan(file));
        var draft = await flow.PlanAsync(planId);
        Assert.StartsWith("Thực hiện", draft.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(draft.GetProperty("fields").GetProperty("recipients").EnumerateArray());
        var corrected = await CompleteReportingDutiesAsync(flow, planId, draft);

        await flow.SubmitAsync(planId);
        Assert.Equal("in-review", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        await PlanFlow.ActAsync(flow.Signer, planId, "approve", signingForm: "direct");
        Assert.Equal("signed", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        await PlanFlow.ActAsync(flow.Clerk, planId, "approve");

        var plan = await flow.PlanAsync(planId);
        Assert.Equal("released", plan.GetProperty("status").GetString());
        Assert.Equal("01/KH-PGDĐT", plan.GetProperty("symbol").GetString());
        Assert.Equal(1, plan.GetProperty("number").GetInt32());
        var vietnamToday = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        Assert.Equal(vietnamToday.ToString("yyyy-MM-dd"), plan.GetProperty("issuedOn").GetString());
        var signing = plan.GetProperty("signing");
        Assert.Equal("TRƯỞNG PHÒNG", signing.GetProperty("title").GetString());
        Assert.Equal("Trần Nam Hải", signing.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, signing.GetProperty("form").ValueKind);
        var actions = plan.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()).ToList();
        Assert.Equal([
            "plan.created", .. corrected ? ["plan.corrected"] : Array.Empty<string>(), "instance.started", "plan.submitted", "task.created", "task.completed", "task.created",
            "task.completed", "plan.document-signed", "task.created", "task.completed", "plan.issued", "plan.document-sealed", "plan.distribution-queued",
            "plan.released", "reporting.activated", "instance.completed"], actions);
    }

    /// <summary>The drafter completes each reporting duty the reader left without a period or a day (release refuses them otherwise).</summary>
    private static async Task<bool> CompleteReportingDutiesAsync(PlanFlow flow, Guid planId, JsonElement draft)
    {
        var fields = System.Text.Json.Nodes.JsonNode.Parse(draft.GetProperty("fields").GetRawText())!.AsObject();
        var incomplete = fields["reportingDuties"]!.AsArray().Where(d => d!["frequency"]!.GetValue<string>() == "unspecified" || d["dueDay"] is null).ToList();
        if (incomplete.Count == 0) return false;
        foreach (var duty in incomplete)
        {
            if (duty!["frequency"]!.GetValue<string>() == "unspecified") duty["frequency"] = "yearly";
            duty["dueDay"] ??= 15;
        }
        var response = await flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return true;
    }

    [Fact]
    public async Task An_uploaded_pdf_is_refused_naming_the_file_field()
    {
        await using var app = new WorkflowsApp();
        var drafter = await app.SignInAsync("chuyenvien");
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7\n%âãÏÓ\n"u8.ToArray()), "file", "ke-hoach.pdf" } };

        var response = await drafter.PostAsync("/api/plans", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("pdf", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task A_returned_plan_goes_back_to_its_drafter_and_keeps_the_history_of_every_round()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch kiểm tra nội bộ năm 2026");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");

        var withoutComment = await PlanFlow.CompleteAsync(flow.Signer, await PlanFlow.TaskOfAsync(flow.Signer, planId), "return");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutComment.StatusCode);
        Assert.Contains("comment", await withoutComment.Content.ReadAsStringAsync());

        await PlanFlow.ActAsync(flow.Signer, planId, "return", comment: "Bổ sung chỉ tiêu cụ thể ở mục II.");
        var returned = await flow.PlanAsync(planId);
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.Equal("draft", returned.GetProperty("currentStep").GetString());
        var drafterTasks = await flow.Drafter.GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.Equal("draft", drafterTasks.EnumerateArray().Single().GetProperty("step").GetString());

        var correction = await flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { subject = "Kế hoạch kiểm tra nội bộ năm 2026 (sửa đổi)" });
        Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        await flow.SubmitAsync(planId);
        var resubmitted = await flow.PlanAsync(planId);
        Assert.Equal("in-review", resubmitted.GetProperty("status").GetString());
        Assert.Equal(2, resubmitted.GetProperty("revision").GetInt32());
        Assert.Equal("Kế hoạch kiểm tra nội bộ năm 2026 (sửa đổi)", resubmitted.GetProperty("subject").GetString());

        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        await PlanFlow.ActAsync(flow.Signer, planId, "approve");
        await PlanFlow.ActAsync(flow.Clerk, planId, "approve");
        var released = await flow.PlanAsync(planId);
        Assert.Equal("released", released.GetProperty("status").GetString());
        var history = released.GetProperty("history").EnumerateArray().ToList();
        var comment = history.Single(h => h.GetProperty("outcome").GetString() == "return");
        Assert.Equal("Bổ sung chỉ tiêu cụ thể ở mục II.", comment.GetProperty("comment").GetString());
        Assert.Equal(1, comment.GetProperty("revision").GetInt32());
        Assert.Contains(history, h => h.GetProperty("what").GetString() == "plan.resubmitted" && h.GetProperty("revision").GetInt32() == 2);
    }

    [Fact]
    public async Task A_rejected_plan_ends_rejected_without_a_number()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch không được duyệt");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        await PlanFlow.ActAsync(flow.Signer, planId, "reject", comment: "Không phù hợp chủ trương.");

        var plan = await flow.PlanAsync(planId);
        Assert.Equal("rejected", plan.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("symbol").ValueKind);
        Assert.Empty((await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await flow.Drafter.PostAsync($"/api/plans/{planId}/submit", null)).StatusCode);
    }

    [Fact]
    public async Task A_deputy_signs_KT_in_place_of_the_head_and_may_not_sign_directly()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch tổ chức hội khỏe Phù Đổng");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var task = await PlanFlow.TaskOfAsync(flow.Reviewer, planId);

        var direct = await PlanFlow.CompleteAsync(flow.Reviewer, task, "approve", signingForm: "direct");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, direct.StatusCode);
        Assert.Contains("signingForm", await direct.Content.ReadAsStringAsync());
        var unknown = await PlanFlow.CompleteAsync(flow.Reviewer, task, "approve", signingForm: "XYZ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);

        Assert.True((await PlanFlow.CompleteAsync(flow.Reviewer, task, "approve", signingForm: "KT.")).IsSuccessStatusCode);
        var signing = (await flow.PlanAsync(planId)).GetProperty("signing");
        Assert.Equal("KT.", signing.GetProperty("form").GetString());
        Assert.Equal("KT. TRƯỞNG PHÒNG", signing.GetProperty("title").GetString());
        Assert.Equal("PHÓ TRƯỞNG PHÒNG", signing.GetProperty("secondTitle").GetString());
        Assert.Equal("Phạm Văn Hùng", signing.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_task_past_its_due_working_day_shows_as_overdue()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(7));
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(friday.ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch trực Tết");
        await flow.SubmitAsync(planId);

        var task = (await flow.Reviewer.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single();
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(7)), task.GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(task.GetProperty("overdue").GetBoolean());

        app.Clock.AdjustTime(new DateTimeOffset(2026, 11, 25, 0, 0, 1, TimeSpan.FromHours(7)).ToUniversalTime());
        var later = (await flow.Reviewer.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single();
        Assert.True(later.GetProperty("overdue").GetBoolean());
    }
}
