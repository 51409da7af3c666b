using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Ui;

/// <summary>
/// What a page offers is what its use case decides (issue 11, use cases shared by API and pages): the release desk, the
/// Nơi nhận pick, the bulk approval, the menu and the leaders' glance are shown to exactly the people the same use cases
/// let act through the API, and the API refuses the others with 403.
/// </summary>
public sealed class PageOffersTests(PageOffersTests.Fixture fixture) : IClassFixture<PageOffersTests.Fixture>
{
    /// <summary>One Host and database for the four stories.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        internal WorkflowsApp App { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    [Fact]
    public async Task A_reviewer_gets_no_release_desk_from_the_page_the_menu_or_the_API_and_the_clerk_sees_the_same_desk_on_both()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử bàn phát hành của văn thư", "Sở GD&ĐT Quảng Ninh");
        await ToClerkAsync(flow, planId);

        Assert.Equal(HttpStatusCode.Forbidden, (await flow.Reviewer.GetAsync("/phat-hanh")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await flow.Reviewer.GetAsync("/api/release-queue")).StatusCode);
        Assert.DoesNotContain("href=\"/phat-hanh\"", await PageAsync(flow.Reviewer, "/hop-thu"));

        var desk = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/release-queue");
        var waiting = desk.GetProperty("waiting").EnumerateArray().Single(t => t.GetProperty("planId").GetGuid() == planId);
        Assert.Equal("Kế hoạch thử bàn phát hành của văn thư", waiting.GetProperty("subject").GetString());
        var page = await PageAsync(flow.Clerk, "/phat-hanh");
        Assert.Contains($"data-testid=\"so-se-cap\">{desk.GetProperty("nextSymbol").GetString()}<", page);
        Assert.Contains($"href=\"/ke-hoach/{planId}\">Kế hoạch thử bàn phát hành của văn thư<", page);
        Assert.Contains("href=\"/phat-hanh\"", page);
    }

    [Fact]
    public async Task On_a_signed_plan_a_reviewer_sees_no_release_form_nor_recipient_pick_and_the_API_refuses_his_pick_while_the_clerk_gets_both()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử quyền chọn nơi nhận", "Nhà trẻ Họa Mi xóm núi");
        await ToClerkAsync(flow, planId);
        var entry = (await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/directory/search?pageSize=1&q=" + Uri.EscapeDataString("Sở GDĐT Quảng Ninh") )).GetProperty("items")[0].GetProperty("id").GetGuid();

        var seen = await PageAsync(flow.Reviewer, $"/ke-hoach/{planId}");
        Assert.DoesNotContain("Chọn mục danh bạ cho", seen);
        Assert.DoesNotContain("data-testid=\"form-approve\"", seen);
        Assert.DoesNotContain("data-testid=\"so-se-cap\"", seen);
        var refused = await flow.Reviewer.PutAsJsonAsync($"/api/plans/{planId}/recipients/0", new { entryId = entry });
        AssertStatus(HttpStatusCode.Forbidden, refused, await refused.Content.ReadAsStringAsync());

        var clerkPage = await PageAsync(flow.Clerk, $"/ke-hoach/{planId}");
        Assert.Contains("Chọn mục danh bạ cho “Nhà trẻ Họa Mi xóm núi”", clerkPage);
        Assert.Contains("data-testid=\"form-approve\"", clerkPage);
        Assert.Contains("data-testid=\"so-se-cap\"", clerkPage);
        var picked = await flow.Clerk.PutAsJsonAsync($"/api/plans/{planId}/recipients/0", new { entryId = entry });
        AssertStatus(HttpStatusCode.OK, picked, await picked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_review_tasks_are_offered_for_approval_together_the_API_approves_them_as_the_page_does_and_refuses_a_signer_with_403()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var first = await flow.CreateAsync("Kế hoạch thử đồng ý nhiều việc thứ nhất");
        var second = await flow.CreateAsync("Kế hoạch thử đồng ý nhiều việc thứ hai");
        await flow.SubmitAsync(first);
        await flow.SubmitAsync(second);
        var tasks = new[] { await PlanFlow.TaskOfAsync(flow.Reviewer, first), await PlanFlow.TaskOfAsync(flow.Reviewer, second) };
        var inbox = await PageAsync(flow.Reviewer, "/hop-thu");
        Assert.All(tasks, t => Assert.Contains($"id=\"chon-{t}\"", inbox));
        Assert.All((await flow.Reviewer.GetFromJsonAsync<JsonElement[]>("/api/tasks"))!.Where(t => tasks.Contains(t.GetProperty("id").GetGuid())),
            t => Assert.True(t.GetProperty("bulkApprovable").GetBoolean()));

        var signer = await flow.Signer.PostAsJsonAsync("/api/tasks/approve", new { taskIds = tasks });
        AssertStatus(HttpStatusCode.Forbidden, signer, await signer.Content.ReadAsStringAsync());
        var none = await flow.Reviewer.PostAsJsonAsync("/api/tasks/approve", new { taskIds = Array.Empty<Guid>() });
        AssertStatus(HttpStatusCode.UnprocessableEntity, none, await none.Content.ReadAsStringAsync());
        Assert.Contains("taskIds", await none.Content.ReadAsStringAsync());

        var approved = await flow.Reviewer.PostAsJsonAsync("/api/tasks/approve", new { taskIds = tasks.Append(tasks[0]) });
        var result = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(tasks, result.GetProperty("approved").EnumerateArray().Select(a => a.GetGuid()));
        Assert.Empty(result.GetProperty("refused").EnumerateArray());
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(first)).GetProperty("status").GetString());

        // Now signing tasks of the same person (a deputy who also signs): never offered together, and refused if sent.
        var signing = await PlanFlow.TaskOfAsync(flow.Reviewer, first);
        Assert.DoesNotContain($"id=\"chon-{signing}\"", await PageAsync(flow.Reviewer, "/hop-thu"));
        var again = await (await flow.Reviewer.PostAsJsonAsync("/api/tasks/approve", new { taskIds = new[] { signing } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(again.GetProperty("approved").EnumerateArray());
        Assert.Equal("Một việc đã được xử lý hoặc không còn thuộc hộp việc của anh/chị.", again.GetProperty("refused")[0].GetString());
    }
    [Fact]
    public async Task Each_persons_menu_and_inbox_offer_what_their_use_cases_allow_and_a_returned_plan_is_revised_on_its_form()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var admin = await fixture.App.SignInAsync("quantri");
        var menus = new Dictionary<string, string>
        {
            ["drafter"] = await PageAsync(flow.Drafter, "/hop-thu"), ["clerk"] = await PageAsync(flow.Clerk, "/hop-thu"),
            ["signer"] = await PageAsync(flow.Signer, "/hop-thu"), ["admin"] = await PageAsync(admin, "/hop-thu"),
        };
        Assert.Equal(["drafter"], menus.Where(m => m.Value.Contains("href=\"/ke-hoach/tai-len\"")).Select(m => m.Key));
        Assert.Equal(["clerk"], menus.Where(m => m.Value.Contains("href=\"/phat-hanh\"")).Select(m => m.Key));
        Assert.Equal(["admin"], menus.Where(m => m.Value.Contains("href=\"/quan-tri/nguoi-dung\"")).Select(m => m.Key));
        // The office's overdue tasks at a glance: the leaders' only, on the page and through the API.
        Assert.Equal(["signer"], menus.Where(m => m.Value.Contains("data-testid=\"toan-co-quan\"")).Select(m => m.Key));
        Assert.Equal(HttpStatusCode.OK, (await flow.Signer.GetAsync("/api/tasks/office-overdue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await flow.Drafter.GetAsync("/api/tasks/office-overdue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await flow.Drafter.GetAsync("/api/release-queue")).StatusCode);

        // A returned plan is the drafter's task: the inbox links to the form, the plan page offers no action on it.
        var planId = await flow.CreateAsync("Kế hoạch thử trả lại cho chuyên viên sửa");
        await flow.SubmitAsync(planId);
        Assert.Contains($"href=\"/ke-hoach/{planId}\"", await PageAsync(flow.Reviewer, "/hop-thu?q=tr%E1%BA%A3%20l%E1%BA%A1i%20cho%20chuy%C3%AAn%20vi%C3%AAn"));
        await PlanFlow.ActAsync(flow.Reviewer, planId, "return", "Bổ sung phần kinh phí.");
        var task = (await flow.Drafter.GetFromJsonAsync<JsonElement[]>("/api/tasks"))!.Single(t => t.GetProperty("planId").GetGuid() == planId);
        Assert.True(task.GetProperty("onDraftForm").GetBoolean());
        Assert.Contains($"href=\"/ke-hoach/{planId}/sua\"", await PageAsync(flow.Drafter, "/hop-thu"));
        Assert.DoesNotContain("id=\"xu-ly\"", await PageAsync(flow.Drafter, $"/ke-hoach/{planId}"));
    }
}
