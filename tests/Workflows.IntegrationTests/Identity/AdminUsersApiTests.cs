using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Host.Identity;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Identity;

/// <summary><c>/api/admin/users</c>: the same user administration as the admin's pages, over HTTP, on real PostgreSQL.</summary>
public sealed class AdminUsersApiTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _app.SignInAsync("quantri");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> UserAsync(string userName) =>
        (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName);

    private async Task<HttpStatusCode> SignInStatusAsync(string userName, string password) =>
        (await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName, password })).StatusCode;

    private static async Task<string?> FieldOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("field", out var field) ? field.GetString() : null;

    private async Task<IReadOnlyList<string>> AuditActionsAsync(string userName)
    {
        await using var connection = await _app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT action || ' by ' || actor FROM audit_log WHERE data->>'userName' = $1 ORDER BY seq", connection);
        command.Parameters.AddWithValue(userName);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task The_admin_lists_the_users_of_their_own_body_only_with_roles_and_state()
    {
        var users = (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray().ToList();
        Assert.All(users, u => Assert.Equal("PGDĐT", u.GetProperty("bodyCode").GetString()));
        Assert.DoesNotContain(users, u => u.GetProperty("userName").GetString() == "giamdoc.so");
        var deputy = users.Single(u => u.GetProperty("userName").GetString() == "photruongphong");
        Assert.Equal([Roles.Reviewer, Roles.Signer], deputy.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("active", deputy.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_user_who_is_not_an_admin_gets_403_and_another_bodys_user_is_404()
    {
        var drafter = await _app.SignInAsync("chuyenvien");
        Assert.Equal(HttpStatusCode.Forbidden, (await drafter.GetAsync("/api/admin/users")).StatusCode);
        var created = await drafter.PostAsJsonAsync("/api/admin/users", new { userName = "lau", fullName = "Người lạ", password = "abcd1234" });
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);

        var otherBody = await _admin.GetAsync("/api/admin/users/" + await IdOfAsync("giamdoc.so"));
        Assert.Equal(HttpStatusCode.NotFound, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync("/api/admin/users/" + await IdOfAsync("giamdoc.so") + "/disable", null)).StatusCode);
    }

    [Fact]
    public async Task The_admin_creates_a_user_of_their_body_who_signs_in_and_refusals_name_their_field()
    {
        var shortPassword = await _admin.PostAsJsonAsync("/api/admin/users", new { userName = "vanthu3", fullName = "Bùi Thu Trang", password = "abc" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortPassword.StatusCode);
        Assert.Equal("password", await FieldOfAsync(shortPassword));
        var taken = await _admin.PostAsJsonAsync("/api/admin/users", new { userName = "vanthu", fullName = "Bùi Thu Trang", password = "sổ công văn đến 2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Equal("userName", await FieldOfAsync(taken));
        Assert.Contains("đã có người dùng", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownRole = await _admin.PostAsJsonAsync("/api/admin/users", new { userName = "vanthu3", fullName = "Bùi Thu Trang", password = "sổ công văn đến 2026", roles = new[] { "Boss" } });
        Assert.Equal("roles", await FieldOfAsync(unknownRole));
        var noName = await _admin.PostAsJsonAsync("/api/admin/users", new { userName = "vanthu3", fullName = " ", password = "sổ công văn đến 2026" });
        Assert.Equal("fullName", await FieldOfAsync(noName));

        var created = await _admin.PostAsJsonAsync("/api/admin/users",
            new { userName = "vanthu3", fullName = "Bùi Thu Trang", title = "VĂN THƯ", roles = new[] { Roles.Clerk }, password = "sổ công văn đến 2026" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PGDĐT", user.GetProperty("bodyCode").GetString());
        Assert.Equal([Roles.Clerk], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(created.Headers.Location!.ToString(), $"/api/admin/users/{user.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("vanthu3", "sổ công văn đến 2026"));
        Assert.Equal(["user.created by quantri"], await AuditActionsAsync("vanthu3"));
    }

    [Fact]
    public async Task The_admin_changes_name_title_and_roles_and_the_user_works_with_the_new_roles()
    {
        var id = (await UserAsync("vanthu")).GetProperty("id").GetString();
        var patched = await _admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { title = "VĂN THƯ CHÍNH", roles = new[] { Roles.Clerk, Roles.Signer } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var user = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Lê Thị Hoa", user.GetProperty("fullName").GetString());
        Assert.Equal("VĂN THƯ CHÍNH", user.GetProperty("title").GetString());
        Assert.Equal([Roles.Clerk, Roles.Signer], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var put = await _admin.PutAsJsonAsync($"/api/admin/users/{id}", new { fullName = "Lê Thị Hoa Mai" });
        Assert.Equal("Lê Thị Hoa Mai", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fullName").GetString());

        var clerk = await _app.SignInAsync("vanthu");
        var me = await clerk.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal([Roles.Clerk, Roles.Signer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["user.updated by quantri", "user.roles-changed by quantri", "user.updated by quantri"], await AuditActionsAsync("vanthu"));
    }

    [Fact]
    public async Task The_admin_may_neither_drop_their_own_admin_role_nor_disable_themselves()
    {
        var me = (await UserAsync("quantri")).GetProperty("id").GetString();
        var dropped = await _admin.PatchAsJsonAsync($"/api/admin/users/{me}", new { roles = new[] { Roles.Signer } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dropped.StatusCode);
        Assert.Equal("roles", await FieldOfAsync(dropped));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _admin.PostAsync($"/api/admin/users/{me}/disable", null)).StatusCode);
        Assert.Equal([Roles.Admin], (await UserAsync("quantri")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("active", (await UserAsync("quantri")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Disable_enable_unlock_and_password_reset_change_who_can_sign_in_and_are_audited_without_the_password()
    {
        var id = (await UserAsync("truongphong")).GetProperty("id").GetString();
        var disabled = await _admin.PostAsync($"/api/admin/users/{id}/disable", null);
        Assert.Equal("disabled", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.NotEqual(HttpStatusCode.OK, await SignInStatusAsync("truongphong", "demo"));
        var enabled = await _admin.PostAsync($"/api/admin/users/{id}/enable", null);
        Assert.Equal("active", (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("truongphong", "demo"));

        // Failed sign-ins slow the next attempts from that address (no lock-out); "unlock" forgets them.
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync("truongphong", "sai"));
        Assert.Equal("locked", (await UserAsync("truongphong")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInStatusAsync("truongphong", "demo"));
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/admin/users/{id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("truongphong", "demo"));

        var refused = await _admin.PostAsJsonAsync($"/api/admin/users/{id}/reset-password", new { newPassword = "ab" });
        Assert.Equal("newPassword", await FieldOfAsync(refused));
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsJsonAsync($"/api/admin/users/{id}/reset-password", new { newPassword = "hai năm hai không hai bảy" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("truongphong", "hai năm hai không hai bảy"));
        Assert.NotEqual(HttpStatusCode.OK, await SignInStatusAsync("truongphong", "demo"));

        Assert.Equal(["user.disabled by quantri", "user.enabled by quantri", "user.unlocked by quantri", "user.password-reset by quantri"],
            await AuditActionsAsync("truongphong"));
    }

    [Fact]
    public async Task A_user_change_whose_audit_record_cannot_be_written_is_not_kept()
    {
        await using (var connection = await _app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var refuse = new NpgsqlCommand(
            """
            CREATE FUNCTION refuse_user_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
            CREATE TRIGGER refuse_user_audit BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action LIKE 'user.%') EXECUTE FUNCTION refuse_user_audit();
            """, connection))
            await refuse.ExecuteNonQueryAsync();
        var clerk = await _app.SignInAsync("vanthu");

        var created = await _admin.PostAsJsonAsync("/api/admin/users", new { userName = "vanthu4", fullName = "Bùi Thu Trang", password = "sổ công văn đến 2026", roles = new[] { Roles.Clerk } });
        Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        Assert.DoesNotContain((await _admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray(), u => u.GetProperty("userName").GetString() == "vanthu4");

        var id = await IdOfAsync("vanthu");
        var changed = await _admin.PutAsJsonAsync("/api/admin/users/" + id, new { fullName = "Lê Thị Hoa Mới", roles = new[] { Roles.Clerk, Roles.Drafter } });
        Assert.Equal(HttpStatusCode.InternalServerError, changed.StatusCode);
        var kept = await UserAsync("vanthu");
        Assert.Equal("Lê Thị Hoa", kept.GetProperty("fullName").GetString());
        Assert.Equal([Roles.Clerk], kept.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        Assert.Equal(HttpStatusCode.InternalServerError, (await _admin.PostAsync($"/api/admin/users/{id}/disable", null)).StatusCode);
        Assert.Equal("active", (await UserAsync("vanthu")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync("vanthu", DemoAccounts.Password));
        Assert.Empty(await AuditActionsAsync("vanthu"));
    }

    private async Task<string> IdOfAsync(string userName)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>().FindByNameAsync(userName))!.Id;
    }
}
