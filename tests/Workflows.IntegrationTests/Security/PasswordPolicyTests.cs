using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Host.Identity;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Security;

/// <summary>NIST SP 800-63B passwords, through the admin's API (the pages call the same use case).</summary>
public sealed class PasswordPolicyTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _app.SignInAsync("quantri");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, string? Field, string Message)> CreateAsync(string userName, string password)
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/users", new { userName, fullName = "Nguyễn Văn An", password, roles = new[] { Roles.Drafter } });
        if (response.StatusCode == HttpStatusCode.Created) return (response.StatusCode, null, "");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("field", out var f) ? f.GetString() : null, body.GetProperty("title").GetString()!);
    }

    [Fact]
    public async Task A_password_shorter_than_12_characters_is_refused_with_the_reason_in_Vietnamese()
    {
        var (status, field, message) = await CreateAsync("nguyenvanan", "hoa-sen-99");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("password", field);
        Assert.Equal("Mật khẩu phải có ít nhất 12 ký tự.", message);
    }

    [Fact]
    public async Task A_password_containing_the_user_name_is_refused()
    {
        var (status, field, message) = await CreateAsync("nguyenvanbinh", "NguyenVanBinh-2025");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("password", field);
        Assert.Equal("Mật khẩu không được chứa tên đăng nhập.", message);
    }

    [Fact]
    public async Task A_common_password_from_the_shipped_list_is_refused_whatever_its_case_and_the_list_names_its_source()
    {
        var (status, field, message) = await CreateAsync("tranthicuc", "1QAZ2WSX3EDC");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("password", field);
        Assert.Contains("danh sách mật khẩu phổ biến", message);

        var list = await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root, "src", "Host", "Identity", "common-passwords.txt"));
        Assert.Contains(list, l => l.StartsWith("# Source:", StringComparison.Ordinal) && l.Contains("zxcvbn", StringComparison.Ordinal));
        Assert.Equal(30_000, NistPasswordValidator.CommonCount);
    }

    [Fact]
    public async Task A_long_passphrase_without_digits_capitals_or_symbols_is_accepted_and_signs_in()
    {
        const string passphrase = "mùa thu hà nội lá vàng rơi";
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync("lethithu", passphrase)).Status);
        var signIn = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "lethithu", password = passphrase });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_follows_the_same_rules()
    {
        var users = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/users");
        var id = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "vanthu").GetProperty("id").GetString();
        var common = await _admin.PostAsJsonAsync($"/api/admin/users/{id}/reset-password", new { newPassword = "qwertyuiop123" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, common.StatusCode);
        var body = await common.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("newPassword", body.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NoContent,
            (await _admin.PostAsJsonAsync($"/api/admin/users/{id}/reset-password", new { newPassword = "văn thư giữ sổ công văn" })).StatusCode);
    }
}
