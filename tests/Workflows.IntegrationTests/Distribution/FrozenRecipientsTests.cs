using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Workflows.Distribution;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>
/// A released plan's recipient list is the one frozen at release (name, address, entry), never recomputed from the
/// directory: a school added afterwards is not shown as a recipient; sending to it is the clerk's explicit, audited
/// "gửi bổ sung".
/// </summary>
public sealed class FrozenRecipientsTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new TestSmtpServer().Start();
    private WorkflowsApp _app = null!;
    private PlanFlow _flow = null!;

    public async Task InitializeAsync()
    {
        _app = new WorkflowsApp(settings: Settings(_smtp.Port));
        _flow = await PlanFlow.StartAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task A_school_added_after_release_is_not_shown_as_a_recipient_and_receives_the_plan_only_by_the_clerks_audited_supplementary_send()
    {
        var planId = await UploadWithRecipientsAsync(_flow, RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), "Kế hoạch 95.txt");
        await ToClerkAsync(_flow, planId);
        AssertStatus(HttpStatusCode.NoContent, await ClerkApproveAsync(_flow, planId), "release");
        await SettledAsync(_flow, planId);
        var frozen = await SentAsync(planId);
        Assert.Equal(UongBiAddresses.Order(), frozen.Where(r => r.GetProperty("address").ValueKind == JsonValueKind.String)
            .Select(r => r.GetProperty("address").GetString()!).Order());
        var leLoi = frozen.Single(r => r.GetProperty("name").GetString() == "Trường TH Lê Lợi");
        Assert.Equal(4, leLoi.GetProperty("lineIndex").GetInt32()); // "Các trường học trực thuộc", expanded at release
        Assert.Contains(frozen, r => r.GetProperty("state").GetString() == "archive");

        // After release the admin adds a school to the group and changes another school's address.
        var admin = await _app.SignInAsync("quantri");
        var added = await admin.PostAsJsonAsync("/api/directory", new DirectoryEntryInput("Trường TH Bắc Sơn", "school", "th-bacson@uongbi.example.org",
            "PGDĐT", null, null, [DemoDirectory.Schools]));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var newSchool = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var leLoiId = leLoi.GetProperty("entryId").GetGuid();
        var moved = await admin.PutAsJsonAsync($"/api/directory/{leLoiId}", new DirectoryEntryInput("Trường TH Lê Lợi", "school", "leloi-moi@uongbi.example.org",
            "PGDĐT", ["TH Lê Lợi"], null, [DemoDirectory.Schools]));
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        // The plan still says what it was sent to; the newcomer is only offered for a supplementary send.
        var after = await _flow.Clerk.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/release-recipients");
        Assert.Equal(frozen.Select(r => r.GetProperty("address").ToString()), after.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("address").ToString()));
        Assert.DoesNotContain(after.GetProperty("recipients").EnumerateArray(), r => r.GetProperty("name").GetString() == "Trường TH Bắc Sơn");
        Assert.Contains(after.GetProperty("lateAdditions").EnumerateArray(), e => e.GetProperty("id").GetGuid() == newSchool);
        var page = WebUtility.HtmlDecode(await _flow.Clerk.GetStringAsync($"/ke-hoach/{planId}"));
        var sentTo = string.Join("\n", System.Text.RegularExpressions.Regex.Matches(page, "data-testid=\"gui-den\">(.*?)</div>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value));
        Assert.Contains("Trường TH Lê Lợi <th-leloi@uongbi.example.org>", sentTo);
        Assert.DoesNotContain("leloi-moi@uongbi.example.org", sentTo);
        Assert.DoesNotContain("Bắc Sơn", sentTo);
        Assert.Contains("Gửi bổ sung cho Trường TH Bắc Sơn", page);
        // Any other entry is found as the Nơi nhận pick finds one: a directory search, never the whole directory in one list.
        Assert.Contains("Gửi bổ sung đến mục danh bạ", page);
        Assert.DoesNotContain("data-testid=\"muc-danh-ba\"", page);
        var searched = WebUtility.HtmlDecode(await _flow.Clerk.GetStringAsync($"/ke-hoach/{planId}?chon=bo-sung&tim=th+bac+son"));
        var typed = WebUtility.HtmlDecode(await _flow.Clerk.GetStringAsync($"/ke-hoach/{planId}?handler=DanhBa&chon=bo-sung&tim=th+bac+son"));
        foreach (var html in new[] { searched, typed })
        {
            Assert.Matches($"type=\"radio\" id=\"[^\"]+\" name=\"entryId\" value=\"{newSchool}\"", html);
            Assert.Contains("handler=GuiBoSung", html);
            Assert.Contains("mục khớp “th bac son”", html);
        }
        Assert.DoesNotContain("<html", typed);

        // Only the clerk may send it, once.
        Assert.Equal(HttpStatusCode.Forbidden, (await _flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/release-recipients", new { entryId = newSchool })).StatusCode);
        var supplementary = await _flow.Clerk.PostAsJsonAsync($"/api/plans/{planId}/release-recipients", new { entryId = newSchool });
        AssertStatus(HttpStatusCode.OK, supplementary, await supplementary.Content.ReadAsStringAsync());
        var again = await _flow.Clerk.PostAsJsonAsync($"/api/plans/{planId}/release-recipients", new { entryId = newSchool });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("entryId", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        await SettledAsync(_flow, planId);
        Assert.Contains(_smtp.Messages(), m => m.To.Contains("th-bacson@uongbi.example.org"));
        Assert.DoesNotContain(_smtp.Messages(), m => m.To.Contains("leloi-moi@uongbi.example.org"));
        var final = await SentAsync(planId);
        var bacSon = final.Single(r => r.GetProperty("name").GetString() == "Trường TH Bắc Sơn");
        Assert.True(bacSon.GetProperty("supplementary").GetBoolean());
        Assert.Equal("vanthu", bacSon.GetProperty("addedBy").GetString());
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM audit_log WHERE plan_id = '{planId}' AND action = 'plan.distribution-supplementary'"));
        Assert.Empty((await _flow.Clerk.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/release-recipients")).GetProperty("lateAdditions").EnumerateArray());
    }

    [Fact]
    public async Task A_supplementary_send_before_release_is_refused_with_409()
    {
        var planId = await CreateWithRecipientsAsync(_flow, "Kế hoạch chưa phát hành", "Sở GDĐT Quảng Ninh");
        var any = (await _flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/directory"))!.First(e => e.GetProperty("kind").GetString() == "school");
        var response = await _flow.Clerk.PostAsJsonAsync($"/api/plans/{planId}/release-recipients", new { entryId = any.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private async Task<JsonElement[]> SentAsync(Guid planId) =>
        (await _flow.Clerk.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/release-recipients")).GetProperty("recipients").EnumerateArray().ToArray();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
