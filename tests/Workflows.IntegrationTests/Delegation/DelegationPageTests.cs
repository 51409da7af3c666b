using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>The pages of the user's own menu: <c>/uy-quyen</c> records a delegation from its form and shows refusals next to their field; <c>/thong-bao</c> saves the email choices.</summary>
public sealed partial class DelegationPageTests : IAsyncLifetime
{
    // Monday 7 December 2026, 09:00 in Vietnam.
    private readonly WorkflowsApp _app = new(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<string> TokenAsync(HttpClient client, string path) =>
        Token().Match(await client.GetStringAsync(path)).Groups[1].Value;

    [Fact]
    public async Task A_head_records_a_delegation_on_the_page_and_a_wrong_date_is_refused_next_to_its_field()
    {
        var head = await _app.SignInAsync("truongphong");
        var page = await head.GetStringAsync("/uy-quyen");
        Assert.Contains("Ủy quyền khi vắng mặt", page);
        Assert.Contains("<option value=\"photruongphong\">Phạm Văn Hùng — PHÓ TRƯỞNG PHÒNG</option>", page);
        Assert.Contains("href=\"/uy-quyen\"", page);

        var refused = await head.PostAsync("/uy-quyen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(head, "/uy-quyen"), ["Form.Delegate"] = "photruongphong",
            ["Form.StartsOn"] = "10/12/2026", ["Form.EndsOn"] = "08/12/2026", ["Form.AllDefinitions"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Ngày kết thúc không được trước ngày bắt đầu.", await refused.Content.ReadAsStringAsync());

        var saved = await head.PostAsync("/uy-quyen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(head, "/uy-quyen"), ["Form.Delegate"] = "photruongphong",
            ["Form.StartsOn"] = "08/12/2026", ["Form.EndsOn"] = "11/12/2026", ["Form.AllDefinitions"] = "false",
            ["Form.Definitions"] = "plan-approval", ["Form.Reference"] = "Giấy ủy quyền số 12/GUQ-PGDĐT",
        }));
        var after = await saved.Content.ReadAsStringAsync();
        Assert.Contains("Đã ghi ủy quyền.", after);
        Assert.Matches("Phạm Văn Hùng</td>\\s*<td>08/12/2026</td>\\s*<td>11/12/2026</td>\\s*<td>Trình ký và ban hành kế hoạch</td>\\s*<td>Giấy ủy quyền số 12/GUQ-PGDĐT</td>\\s*<td>Sắp bắt đầu</td>", after);

        var deputy = await _app.SignInAsync("photruongphong");
        Assert.Matches("Trần Nam Hải</td>\\s*<td>08/12/2026</td>", await deputy.GetStringAsync("/uy-quyen"));
    }

    [Fact]
    public async Task The_notifications_page_saves_the_choices()
    {
        var clerk = await _app.SignInAsync("vanthu");
        Assert.Contains("checked=\"checked\"", await clerk.GetStringAsync("/thong-bao"));
        var saved = await clerk.PostAsync("/thong-bao", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(clerk, "/thong-bao"), ["TaskMail"] = "false", ["OverdueDigest"] = "true",
        }));
        var page = await saved.Content.ReadAsStringAsync();
        Assert.Contains("Đã lưu lựa chọn thông báo.", page);
        Assert.DoesNotContain("checked", Input(page, "TaskMail"));
        Assert.Contains("checked=\"checked\"", Input(page, "OverdueDigest"));
    }

    private static string Input(string page, string id) => Regex.Match(page, $"<input[^>]*id=\"{id}\"[^>]*>").Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
