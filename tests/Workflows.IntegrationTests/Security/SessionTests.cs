using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Security;

/// <summary>Two Host processes on one database: a session is a row both read, so ending it ends it on both at once.</summary>
public sealed class SessionNodes : IAsyncLifetime
{
    internal HostProcess A { get; private set; } = null!;
    internal HostProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = new HostProcess(name: "node-a");
        B = new HostProcess(connectionString: A.ConnectionString, name: "node-b");
        await A.StartAsync();
        await B.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}

public sealed class SessionTests(SessionNodes nodes) : IClassFixture<SessionNodes>
{
    [Fact]
    public async Task After_sign_out_the_old_cookie_no_longer_works_on_any_node()
    {
        var jar = new CookieContainer();
        using var onA = await nodes.A.SignInAsync("chuyenvien", jar);
        var stolen = Copy(jar, nodes.A.BaseAddress, nodes.B.BaseAddress);
        using var onB = nodes.B.Client(stolen);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/auth/me")).StatusCode);
        using var replayOnA = nodes.A.Client(Copy(stolen, nodes.B.BaseAddress, nodes.A.BaseAddress));
        Assert.Equal(HttpStatusCode.Unauthorized, (await replayOnA.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_cookie_carries_only_a_key_and_the_ticket_stays_in_PostgreSQL()
    {
        var jar = new CookieContainer();
        using var client = await nodes.A.SignInAsync("giamdoc.so", jar);
        var cookie = jar.GetCookies(nodes.A.BaseAddress)["workflows.auth"]!;
        await using var connection = new NpgsqlConnection(nodes.A.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM auth_sessions s JOIN \"AspNetUsers\" u ON u.\"Id\" = s.user_id WHERE u.\"UserName\" = 'giamdoc.so'", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1);
        // An Identity ticket with name, roles, body and security stamp protected in the cookie runs to about a kilobyte.
        Assert.True(cookie.Value.Length < 400, $"the cookie is {cookie.Value.Length} characters long");
    }

    [Fact]
    public async Task Disabling_a_user_resetting_their_password_or_changing_their_roles_ends_their_open_sessions_at_once_on_every_node()
    {
        using var admin = await nodes.A.SignInAsync("quantri");
        using var head = await nodes.B.SignInAsync("truongphong");
        using var deputy = await nodes.B.SignInAsync("photruongphong");
        using var clerk = await nodes.B.SignInAsync("vanthu");
        using var drafter = await nodes.B.SignInAsync("chuyenvien");

        var disabled = await admin.PostAsync($"/api/admin/users/{await IdAsync(admin, "truongphong")}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var reset = await admin.PostAsJsonAsync($"/api/admin/users/{await IdAsync(admin, "photruongphong")}/reset-password",
            new { newPassword = "cây đa giếng nước sân đình" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var roles = await admin.PatchAsJsonAsync($"/api/admin/users/{await IdAsync(admin, "vanthu")}", new { roles = new[] { Roles.Clerk, Roles.Signer } });
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await head.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await deputy.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await drafter.GetAsync("/api/tasks")).StatusCode); // nobody else's session ends

        // The disabled head is told so only with the right password; the others sign in again.
        var refused = await nodes.B.Client().PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "demo" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("vô hiệu hóa", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var again = nodes.B.Client();
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/auth/login", new { userName = "photruongphong", password = "cây đa giếng nước sân đình" })).StatusCode);
        using var clerkAgain = await nodes.A.SignInAsync("vanthu");
        var me = await clerkAgain.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal([Roles.Clerk, Roles.Signer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private static async Task<string> IdAsync(HttpClient admin, string userName) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray()
        .Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetString()!;

    /// <summary>The cookies <paramref name="from"/> holds for one node, as a jar for another (nodes differ only by port).</summary>
    private static CookieContainer Copy(CookieContainer from, Uri source, Uri target)
    {
        var jar = new CookieContainer();
        foreach (Cookie cookie in from.GetCookies(source)) jar.Add(target, new Cookie(cookie.Name, cookie.Value));
        return jar;
    }
}
