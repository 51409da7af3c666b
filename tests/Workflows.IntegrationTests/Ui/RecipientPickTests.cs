using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Ui;

/// <summary>
/// The clerk's pick for an unresolved Nơi nhận line (issue 17, lists that scale): a search of the directory's stored key,
/// best matches first, the same through the API and the page, and usable without script.
/// </summary>
public sealed class RecipientPickTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_best_matches_come_first_the_name_itself_then_names_starting_with_the_words_then_words_starting_with_them_shorter_first()
    {
        var admin = await _app.SignInAsync("quantri");
        async Task<Guid> AddAsync(object entry)
        {
            var response = await admin.PostAsJsonAsync("/api/directory", entry);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var school = await AddAsync(new { name = "Trường MN Sơn Ca", kind = "school", email = "mn-sonca@truong.example.org" });
        await AddAsync(new { name = "Cụm các trường mầm non Sơn Ca", kind = "group", members = new[] { school } });
        await AddAsync(new { name = "Sơn Ca Kids – nhóm trẻ tư thục", kind = "school", email = "sonca-kids@truong.example.org" });
        await AddAsync(new { name = "Nhóm trẻ Hoa Mai", kind = "school", email = "hoamai@truong.example.org", aliases = new[] { "Sơn Ca" } });

        var found = await admin.GetFromJsonAsync<JsonElement>("/api/directory/search?q=son%20ca&sort=phu-hop&pageSize=20");
        Assert.Equal(["Nhóm trẻ Hoa Mai", "Sơn Ca Kids – nhóm trẻ tư thục", "Trường MN Sơn Ca", "Cụm các trường mầm non Sơn Ca"],
            found.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(4, found.GetProperty("total").GetInt32());
        var one = await admin.GetFromJsonAsync<JsonElement>("/api/directory/search?q=son%20ca&sort=phu-hop&pageSize=1");
        Assert.Equal((4, 1), (one.GetProperty("total").GetInt32(), one.GetProperty("items").GetArrayLength()));

        // The page offers the same entries in the same order, without script too (?dong=&tim=), each a radio button, the group marked.
        var flow = await PlanFlow.StartAsync(_app);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử tìm nơi nhận trong danh bạ", "Nhà trẻ Sơn Ca (t/h)");
        await ToClerkAsync(flow, planId);
        var before = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}"));
        Assert.Contains("Chọn mục danh bạ cho “Nhà trẻ Sơn Ca (t/h)”", before);
        Assert.DoesNotContain("Trường MN Sơn Ca", before);
        var page = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}?dong=0&tim=son+ca"));
        var fragment = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}?handler=DanhBa&dong=0&tim=son+ca"));
        foreach (var html in new[] { page, fragment })
        {
            var names = new[] { "Nhóm trẻ Hoa Mai", "Sơn Ca Kids – nhóm trẻ tư thục", "Trường MN Sơn Ca<", "Cụm các trường mầm non Sơn Ca<" }.Select(n => html.IndexOf(n, StringComparison.Ordinal)).ToList();
            Assert.All(names, i => Assert.True(i > 0));
            Assert.Equal(names.Order(), names);
            Assert.Contains("4 mục khớp “son ca”.", html);
            Assert.Contains("Nhóm · 1 đơn vị", html);
            Assert.Contains($"value=\"{school}\"", html);
            Assert.Contains("type=\"radio\"", html);
        }
        Assert.DoesNotContain("<html", fragment);
    }
}
