using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// Drives <c>Definitions/consultation-one-returns.json</c> through two consultations: the first is returned by one branch,
/// the plan is revised and consulted again, and the second agrees. The plan page and <c>GET /api/plans/{id}/consultations</c>
/// show both rounds, newest first, each with its result and every branch's answer in words.
/// </summary>
public sealed partial class ConsultationRoundsTests
{
    [GeneratedRegex("""data-testid="vong-y-kien".*?</section>""", RegexOptions.Singleline)]
    private static partial Regex Round();

    [Fact]
    public async Task The_plan_page_shows_every_consultation_round_newest_first_with_each_answer_in_words()
    {
        await using var app = ScenarioApp.With("consultation-one-returns.json");
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch tổ chức hội thi giáo viên chủ nhiệm giỏi");
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "consultation-one-returns" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Reviewer, await PlanFlow.TaskOfAsync(flow.Reviewer, planId), "agree", "Thống nhất nội dung")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Clerk, await PlanFlow.TaskOfAsync(flow.Clerk, planId), "return", "Thiếu nơi nhận Sở GD&ĐT")).StatusCode);
        await flow.SubmitAsync(planId);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Clerk, await PlanFlow.TaskOfAsync(flow.Clerk, planId), "agree", "Đã bổ sung nơi nhận")).StatusCode);

        // Second round under way: the reviewer has not answered yet.
        var rounds = (await flow.Drafter.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/consultations")).EnumerateArray().ToList();
        Assert.Equal([2, 1], rounds.Select(r => r.GetProperty("round").GetInt32()));
        Assert.Equal(["open", "returned"], rounds.Select(r => r.GetProperty("result").GetString()));

        var page = WebUtility.HtmlDecode(await flow.Drafter.GetStringAsync($"/ke-hoach/{planId}"));
        var shown = Round().Matches(page).Select(m => m.Value).ToList();
        Assert.Equal(2, shown.Count);
        Assert.Contains("Lần lấy ý kiến thứ 2 · Đang lấy ý kiến", shown[0]);
        Assert.Contains("Vòng trình 2", shown[0]);
        Assert.Contains("Chờ ý kiến", shown[0]);
        Assert.Contains("Đã bổ sung nơi nhận", shown[0]);
        Assert.Contains("Lần lấy ý kiến thứ 1 · Đã trả lại để chỉnh sửa", shown[1]);
        Assert.Contains("Vòng trình 1", shown[1]);
        Assert.Contains("Thống nhất nội dung", shown[1]);
        Assert.Contains("Thiếu nơi nhận Sở GD&ĐT", shown[1]);
        Assert.DoesNotContain("Chờ ý kiến", shown[1]);

        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(flow.Reviewer, await PlanFlow.TaskOfAsync(flow.Reviewer, planId), "agree")).StatusCode);
        page = WebUtility.HtmlDecode(await flow.Drafter.GetStringAsync($"/ke-hoach/{planId}"));
        Assert.Contains("Lần lấy ý kiến thứ 2 · Các đơn vị đã đồng ý", Round().Matches(page)[0].Value);
    }
}
