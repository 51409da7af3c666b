using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Host.Identity;

namespace Workflows.IntegrationTests.Ui;

/// <summary>What the sign-in page tells a user whose account cannot sign in (HTTP only, no browser).</summary>
public sealed partial class SignInPageTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_user_disabled_by_the_admin_is_told_the_account_is_disabled_not_to_wait_15_minutes()
    {
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
            var user = await users.FindByNameAsync("vanthu") ?? throw new InvalidOperationException("demo user vanthu missing");
            Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);
        }

        var page = await SignInAsync("vanthu", "demo");

        Assert.Contains("Tài khoản đã bị vô hiệu hóa; liên hệ quản trị của cơ quan.", page);
        Assert.DoesNotContain("thử lại sau 15 phút", page);
    }

    [Fact]
    public async Task A_user_who_keeps_mistyping_is_asked_to_wait_a_second_never_locked_out_for_15_minutes()
    {
        string page = "";
        for (var attempt = 0; attempt < 5; attempt++) page = await SignInAsync("truongphong", "sai-mat-khau");

        Assert.Contains("Đăng nhập sai nhiều lần; hãy chờ 1 giây rồi thử lại.", page);
        Assert.DoesNotContain("15 phút", page);
    }

    /// <summary>Posts the sign-in form (with the antiforgery token of a GET) and returns the page shown.</summary>
    private async Task<string> SignInAsync(string userName, string password)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/dang-nhap");
        var token = TokenField().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form carries an antiforgery token");
        var response = await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
