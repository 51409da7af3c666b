using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Tests.Infrastructure;

namespace Workflows.Tests.Ui;

/// <summary>An error that escapes a page after its handler ran (while its view renders) still shows the Vietnamese error page.</summary>
public sealed class UiErrorPageTests : IAsyncLifetime
{
    private const string FailHeader = "X-Test-Fail-While-Rendering";

    /// <summary>Throws when a page's result (its view) is being executed, for requests carrying <see cref="FailHeader"/> (not on the error page itself).</summary>
    private sealed class FailWhileRendering : IAsyncResultFilter
    {
        public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next) =>
            context.HttpContext.Request.Headers.ContainsKey(FailHeader) && !context.HttpContext.Request.Path.StartsWithSegments("/loi")
                ? throw new InvalidOperationException("Lỗi giả lập trong khi dựng trang: chi tiết nội bộ không được lộ ra.")
                : next();
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
        request.Headers.Add(FailHeader, "1");
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
        api.Headers.Add(FailHeader, "1");
        var problem = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
    }
}
