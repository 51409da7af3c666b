using System.Net;
using System.Net.Http.Json;
using Workflows.Reporting;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>Who may create a report campaign is one rule (<see cref="ReportCampaigns.MayCreate"/>): the API, the campaign page and the reporting list agree.</summary>
public sealed class CampaignRuleTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_API_the_campaign_page_and_the_reporting_list_give_each_user_the_same_answer()
    {
        foreach (var (userName, may) in new[] { ("chuyenvien", true), ("vanthu", true), ("quantri", true), ("truongphong", false), ("photruongphong", false) })
        {
            var client = await _app.SignInAsync(userName);
            var page = await client.GetAsync("/bao-cao/tao-dot");
            Assert.True(may == (page.StatusCode == HttpStatusCode.OK), $"{userName}: page {(int)page.StatusCode}");
            Assert.True(may || page.StatusCode == HttpStatusCode.Forbidden, $"{userName}: page {(int)page.StatusCode}");
            var list = await client.GetStringAsync("/bao-cao");
            Assert.True(may == list.Contains("href=\"/bao-cao/tao-dot\"", StringComparison.Ordinal), $"{userName}: link on the list");
            var api = await client.PostAsJsonAsync("/api/reporting/schedules", new { title = $"Báo cáo của {userName}", frequency = "once", dueDate = "2026-12-20" });
            Assert.True(may == (api.StatusCode == HttpStatusCode.Created), $"{userName}: API {(int)api.StatusCode} {await api.Content.ReadAsStringAsync()}");
            Assert.True(may || api.StatusCode == HttpStatusCode.Forbidden, $"{userName}: API {(int)api.StatusCode}");
        }
    }
}
