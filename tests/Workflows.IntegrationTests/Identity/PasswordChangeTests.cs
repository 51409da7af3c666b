using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Identity;

/// <summary>
/// "Đổi mật khẩu": a user changes their own password (<c>POST /api/account/password</c>, the page <c>/doi-mat-khau</c>),
/// under Identity's password rules, counted like sign-ins, audited, ending the user's other sessions.
/// </summary>
public sealed partial class PasswordChangeTests(PasswordChangeTests.Fixture fixture) : IClassFixture<PasswordChangeTests.Fixture>
{
    /// <summary>One Host and database; each test makes its own user through the admin's API.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        internal WorkflowsApp App { get; } = new();
        internal HttpClient Admin { get; private set; } = null!;

        public async Task InitializeAsync() => Admin = await App.SignInAsync("quantri");

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private async Task CreateUserAsync(string userName, string password)
    {
        var created = await fixture.Admin.PostAsJsonAsync("/api/admin/users", new { userName, fullName = "Hoàng Văn Lâm", password, roles = new[] { Roles.Drafter } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        await client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, userName, password)).StatusCode);
        return client;
    }

    private static async Task<(HttpStatusCode Status, string? Field, string Title)> ChangeAsync(HttpClient client, string current, string next, string confirm)
    {
        var response = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = current, newPassword = next, confirmPassword = confirm });
        if (response.StatusCode == HttpStatusCode.NoContent) return (response.StatusCode, null, "");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("field", out var f) ? f.GetString() : null, body.GetProperty("title").GetString()!);
    }

    [Fact]
    public async Task A_user_changes_their_own_password_the_old_one_no_longer_signs_in_their_other_sessions_end_and_the_change_is_audited_without_it()
    {
        const string Old = "sổ tay văn thư năm học mới", New = "mưa xuân trên đồi chè xanh";
        await CreateUserAsync("hoangvanlam", Old);
        var here = await SignedInAsync("hoangvanlam", Old);
        var elsewhere = await SignedInAsync("hoangvanlam", Old);

        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(here, Old, New, New)).Status);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(fixture.App.CreateClient(), "hoangvanlam", Old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(fixture.App.CreateClient(), "hoangvanlam", New)).StatusCode);

        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var audit = new NpgsqlCommand("SELECT actor, data::text FROM audit_log WHERE action = 'user.password_changed' AND data->>'userName' = 'hoangvanlam'", connection);
        await using var reader = await audit.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("hoangvanlam", reader.GetString(0));
        Assert.DoesNotContain("chè xanh", reader.GetString(1));
        Assert.DoesNotContain("văn thư", reader.GetString(1));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_wrong_current_password_a_weak_one_or_a_differing_confirmation_is_refused_naming_its_field_and_wrong_guesses_make_the_address_wait_like_sign_ins()
    {
        const string Password = "hoa phượng đỏ sân trường", New = "gió mùa đông bắc tràn về";
        await CreateUserAsync("dangthimai", Password);
        var client = await SignedInAsync("dangthimai", Password);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "confirmPassword", "Mật khẩu nhập lại không khớp với mật khẩu mới."),
            await ChangeAsync(client, Password, New, "gió mùa đông bắc"));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "newPassword", "Mật khẩu phải có ít nhất 12 ký tự."),
            await ChangeAsync(client, Password, "hoa-sen-99", "hoa-sen-99"));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại."),
            await ChangeAsync(client, Password, Password, Password));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "currentPassword", "Mật khẩu hiện tại không đúng."),
            await ChangeAsync(client, "đoán thử một mật khẩu", New, New));

        // The page: the same refusal next to its field, the form carries an antiforgery token (without it: 400).
        var form = await client.GetStringAsync("/doi-mat-khau");
        var token = TokenField().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the form carries an antiforgery token");
        var fields = new Dictionary<string, string> { ["CurrentPassword"] = "đoán thử lần hai", ["NewPassword"] = New, ["ConfirmPassword"] = New };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/doi-mat-khau", new FormUrlEncodedContent(fields))).StatusCode);
        var refused = await client.PostAsync("/doi-mat-khau", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
        Assert.Matches("data-valmsg-for=\"CurrentPassword\"[^>]*>Mật khẩu hiện tại không đúng.<", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // Three wrong guesses cost nothing, the fourth earns a wait: the next change and a sign-in from this address both wait.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeAsync(client, "đoán thử lần ba", New, New)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeAsync(client, "đoán thử lần bốn", New, New)).Status);
        var waiting = await client.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = New, confirmPassword = New });
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Equal("1", waiting.Headers.RetryAfter?.ToString());
        Assert.Equal("Nhập sai mật khẩu nhiều lần; hãy chờ 1 giây rồi thử lại.", (await waiting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(fixture.App.CreateClient(), "dangthimai", Password)).StatusCode);
        fixture.App.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(client, Password, New, New)).Status);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
