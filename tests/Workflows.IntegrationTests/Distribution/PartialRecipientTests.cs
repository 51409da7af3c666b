using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>Only exact matches (normalised name or alias) resolve by themselves; a partial match waits for the clerk.</summary>
public sealed class PartialRecipientTests(DistributionFixture fixture) : IClassFixture<DistributionFixture>
{
    [Fact]
    public async Task A_line_matching_only_part_of_one_entrys_name_blocks_release_until_the_clerk_confirms_it_and_is_exact_next_time()
    {
        var flow = fixture.Flow;
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử nơi nhận khớp một phần",
            "Nguyễn Trãi", "Trường THCS Phương Đông", "THCS Phương Nam", "So Giao duc va Dao tao Quang Ninh");
        var lines = (await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/plans/{planId}/recipients"))!;
        Assert.Equal(["partial", "resolved", "resolved", "resolved"], lines.Select(l => l.GetProperty("state").GetString()));
        Assert.Equal(0, lines[0].GetProperty("addresses").GetArrayLength());
        var candidate = Assert.Single(lines[0].GetProperty("candidates").EnumerateArray());
        Assert.Equal("Trường THCS Nguyễn Trãi", candidate.GetProperty("name").GetString());

        await ToClerkAsync(flow, planId);
        var refused = await ClerkApproveAsync(flow, planId);
        var problem = await refused.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, refused, problem);
        Assert.Contains("Nguyễn Trãi", problem);
        Assert.Contains("chỉ khớp một phần", problem);
        Assert.Equal(JsonValueKind.Null, (await flow.PlanAsync(planId)).GetProperty("number").ValueKind);

        var pick = await flow.Clerk.PutAsJsonAsync($"/api/plans/{planId}/recipients/0", new { entryId = candidate.GetProperty("id").GetGuid() });
        AssertStatus(HttpStatusCode.OK, pick, await pick.Content.ReadAsStringAsync());
        var released = await ClerkApproveAsync(flow, planId);
        AssertStatus(HttpStatusCode.NoContent, released, await released.Content.ReadAsStringAsync());
        var deliveries = await SettledAsync(flow, planId);
        Assert.Equal(["thcs-nguyentrai@uongbi.example.org", "thcs-phuongdong@uongbi.example.org", "thcs-phuongnam@uongbi.example.org",
            "vanphong@sogddt.quangninh.example.org"], deliveries.Select(d => d.GetProperty("address").GetString()).Order());

        var next = await CreateWithRecipientsAsync(flow, "Kế hoạch tiếp theo gửi Nguyễn Trãi", "Nguyễn Trãi (t/h)");
        var nextLine = Assert.Single((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/plans/{next}/recipients"))!);
        Assert.Equal("resolved", nextLine.GetProperty("state").GetString());
        Assert.Equal("thcs-nguyentrai@uongbi.example.org", nextLine.GetProperty("addresses")[0].GetProperty("email").GetString());
    }
}
