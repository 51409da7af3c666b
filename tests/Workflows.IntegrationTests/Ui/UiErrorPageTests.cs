using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.IntegrationTests.Ui;

/// <summary>An error that escapes a page after its handler ran (while its view renders) still shows the Vietnamese error page.</summary>
public sealed class UiErrorPageTests : IAsyncLifetime
{
    private const string FailHeader = "X-Test-Fail-While-Rendering";

    /// <summary>A real connection failure: PostgreSQL refused at a closed port (what a page meets while the database is down).</summary>
    private static async Task FailToReachDatabaseAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection("Host=127.0.0.1;Port=1;Timeout=3;Pooling=false");
        await connection.OpenAsync();
    }

    /// <summary>
    /// For requests carrying <see cref="FailHeader"/> (never on the error page itself): <c>render</c> throws while the page's
    /// result (its view) executes; <c>render-database</c> meets an unreachable database there; <c>handler-database</c> in the handler.
    /// </summary>
    private sealed class FailWhileRendering : IAsyncResultFilter, IAsyncPageFilter
    {
        private static string? Mode(HttpContext http) =>
            http.Request.Path.StartsWithSegments("/loi") ? null : http.Request.Headers[FailHeader].FirstOrDefault();

        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            switch (Mode(context.HttpContext))
            {
                case "render": throw new InvalidOperationException("Lỗi giả lập trong khi dựng trang: chi tiết nội bộ không được lộ ra.");
                case "render-database": await FailToReachDatabaseAsync(); break;
            }
            await next();
        }

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (Mode(context.HttpContext) == "handler-database") await FailToReachDatabaseAsync();
            await next();
        }
    }

    private readonly WorkflowsApp _app = new(settings: new Dictionary<string, string?> { ["Workflows:Scheduler:Enabled"] = "false" });
    private WebApplicationFactory<Program> _failing = null!;

    public Task InitializeAsync()
    {
        _failing = _app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<MvcOptions>(o => o.Filters.Add(new FailWhileRendering()))));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _failing.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_page_that_fails_while_rendering_shows_the_Vietnamese_error_page_and_not_JSON_while_the_API_keeps_ProblemDetails()
    {
        var client = _failing.CreateClient();
        var login = await client.PostAsync("/api/auth/login", JsonContent.Create(new { userName = "vanthu", password = "demo" }));
        login.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/bao-cao")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/bao-cao");
        request.Headers.Add(FailHeader, "render");
        var page = await client.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Lỗi hệ thống (500)", html);
        Assert.Contains("Đã có lỗi; vui lòng thử lại sau.", html);
        Assert.Contains("/css/site.css", html);
        Assert.DoesNotContain("chi tiết nội bộ", html);
        Assert.DoesNotContain("InvalidOperationException", html);

        using var api = new HttpRequestMessage(HttpMethod.Get, $"/api/reporting/schedules/{Guid.NewGuid()}");
        api.Headers.Add(FailHeader, "render");
        var problem = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("render-database")]
    [InlineData("handler-database")]
    public async Task A_page_that_cannot_reach_the_database_answers_503_with_Retry_After_and_the_Vietnamese_sentence(string where)
    {
        var client = _failing.CreateClient();
        var login = await client.PostAsync("/api/auth/login", JsonContent.Create(new { userName = "vanthu", password = "demo" }));
        login.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bao-cao");
        request.Headers.Add(FailHeader, where);
        var page = await client.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", page.Headers.RetryAfter?.ToString());
        Assert.Contains("Tạm thời gián đoạn (503)", html);
        Assert.Contains("Cơ sở dữ liệu tạm thời không truy cập được; thao tác chưa được ghi", html);
    }
}
