using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Ui;

/// <summary>
/// The lists searched, counted and paged by PostgreSQL (issue 17): the inbox over many open tasks, and the directory
/// found the way a clerk types a name (no diacritics, "GD&amp;ĐT" for "Giáo dục và Đào tạo").
/// </summary>
public sealed class ListPagingTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_inbox_counts_all_open_tasks_pages_fifty_at_a_time_and_searches_and_filters_the_overdue_in_the_database()
    {
        var flow = await PlanFlow.StartAsync(_app);
        for (var i = 1; i <= 55; i++)
        {
            var id = await flow.CreateAsync($"Kế hoạch thi đua khen thưởng số {i:00}");
            await flow.SubmitAsync(id);
        }
        _app.Clock.Advance(TimeSpan.FromDays(30));
        flow = await PlanFlow.StartAsync(_app); // signed in again: the sessions of a month ago have ended
        var late = await flow.CreateAsync("Kế hoạch phổ cập bơi cho học sinh tiểu học");
        await flow.SubmitAsync(late);
        var reviewer = new Actor("photruongphong", "Phạm Văn Hùng", "PHÓ TRƯỞNG PHÒNG", "PGDĐT", new HashSet<string> { Roles.Reviewer, Roles.Signer });
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();

        var first = await engine.SearchTasksAsync(reviewer, new TaskSearch());
        Assert.Equal((56, 55, 56, 2, 50), (first.Total, first.Overdue, first.Matching, first.Pages, first.Items.Count));
        Assert.Equal(56, first.ByStep.Single().Count);
        Assert.True(first.Items.First().Overdue);
        var second = await engine.SearchTasksAsync(reviewer, new TaskSearch(Page: 2));
        Assert.Equal(6, second.Items.Count);
        Assert.Empty(first.Items.Select(t => t.Id).Intersect(second.Items.Select(t => t.Id)));
        var inTime = await engine.SearchTasksAsync(reviewer, new TaskSearch(Overdue: false));
        Assert.Equal("Kế hoạch phổ cập bơi cho học sinh tiểu học", inTime.Items.Single().Subject);
        Assert.Equal(56, inTime.Total);
        var found = await engine.SearchTasksAsync(reviewer, new TaskSearch(Text: "KHEN thưởng số 07"));
        Assert.Equal("Kế hoạch thi đua khen thưởng số 07", found.Items.Single().Subject);
        var newest = await engine.SearchTasksAsync(reviewer, new TaskSearch(Sort: "moi-nhan", PageSize: 1));
        Assert.Equal("Kế hoạch phổ cập bơi cho học sinh tiểu học", newest.Items.Single().Subject);
        var past = await engine.SearchTasksAsync(reviewer, new TaskSearch(Page: 9));
        Assert.Equal(2, past.Page);

        // The page says the same, in words.
        var page = WebUtility.HtmlDecode(await flow.Reviewer.GetStringAsync("/hop-thu?trang=2"));
        Assert.Contains("56 việc · trang 2/2", page);
        Assert.Contains("data-testid=\"so-qua-han\">55<", page);
        var drafter = await _app.SignInAsync("chuyenvien");
        Assert.Contains("data-testid=\"tong-so\">0<", WebUtility.HtmlDecode(await drafter.GetStringAsync("/hop-thu")));
    }

    [Fact]
    public async Task The_directory_finds_an_entry_without_diacritics_or_by_its_usual_abbreviation_and_pages_with_counts_by_kind()
    {
        var admin = await _app.SignInAsync("quantri");
        foreach (var (name, kind, email) in new[]
        {
            ("Phòng Giáo dục và Đào tạo thành phố Hạ Long", "body", "pgddt@halong.example.org"),
            ("Trường Mầm non Hoa Phượng Đỏ", "school", "hoaphuongdo@halong.example.org"),
        })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/directory", new { name, kind, email })).StatusCode);

        async Task<JsonElement> SearchAsync(string query) =>
            await admin.GetFromJsonAsync<JsonElement>("/api/directory/search?" + query);

        var abbreviated = await SearchAsync("q=" + Uri.EscapeDataString("GD&ĐT TP Hạ Long"));
        Assert.Equal("Phòng Giáo dục và Đào tạo thành phố Hạ Long", abbreviated.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());
        var plain = await SearchAsync("q=hoa%20phuong%20do");
        Assert.Equal("Trường Mầm non Hoa Phượng Đỏ", plain.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());

        var schools = await SearchAsync("kind=school&pageSize=3&page=2&sort=ten");
        var all = await SearchAsync("pageSize=200");
        var schoolCount = all.GetProperty("byKind").GetProperty("school").GetInt32();
        Assert.Equal(schoolCount, schools.GetProperty("total").GetInt32());
        Assert.Equal(2, schools.GetProperty("page").GetInt32());
        Assert.Equal(3, schools.GetProperty("items").GetArrayLength());
        Assert.All(schools.GetProperty("items").EnumerateArray(), e => Assert.Equal("school", e.GetProperty("kind").GetString()));
        Assert.Equal(all.GetProperty("total").GetInt32(), all.GetProperty("byKind").EnumerateObject().Sum(k => k.Value.GetInt32()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.GetAsync("/api/directory/search?sort=ngau-nhien")).StatusCode);
    }
}
