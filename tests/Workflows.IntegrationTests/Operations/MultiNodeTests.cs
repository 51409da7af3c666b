using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Operations;

/// <summary>Several real Host processes on one database (issue 7, Operations; issue 4, two senders).</summary>
public sealed class MultiNodeTests
{
    /// <summary>A client for <paramref name="node"/> carrying the cookies another node gave to <paramref name="signedIn"/>.</summary>
    private static HttpClient WithCookiesOf(HttpClient signedIn, Uri from, HostProcess node, CookieContainer jar)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in jar.GetCookies(from)) copy.Add(node.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        Assert.NotEmpty(copy.GetCookies(node.BaseAddress));
        return node.Client(copy);
    }

    [Fact]
    public async Task A_user_signed_in_on_one_node_acts_on_another_and_the_logs_name_the_plan_and_task()
    {
        await using var a = await new HostProcess(name: "A").StartAsync();
        await using var b = await new HostProcess(a.ConnectionString, name: "B", settings: new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            // Export on, to a collector that is not there: the Host works on and drops what it cannot send.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{TestSmtpServer.FreePort()}",
        }).StartAsync();

        var jars = new Dictionary<string, CookieContainer>();
        var onA = new Dictionary<string, HttpClient>();
        foreach (var user in new[] { "chuyenvien", "photruongphong", "truongphong", "vanthu" })
        {
            jars[user] = new CookieContainer();
            onA[user] = await a.SignInAsync(user, jars[user]);
        }
        HttpClient OnB(string user) => WithCookiesOf(onA[user], a.BaseAddress, b, jars[user]);

        // The drafter's upload goes to A; every other step goes to B with the cookie A made.
        var flow = await PlanFlow.StartAsync(u => Task.FromResult(onA[u]));
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        var me = await OnB("chuyenvien").GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("chuyenvien", me.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await OnB("chuyenvien").PostAsync($"/api/plans/{planId}/submit", null)).StatusCode);
        var reviewTask = await PlanFlow.TaskOfAsync(OnB("photruongphong"), planId);
        var review = await PlanFlow.CompleteAsync(OnB("photruongphong"), reviewTask, "approve");
        Assert.True(review.IsSuccessStatusCode, $"{(int)review.StatusCode} {await review.Content.ReadAsStringAsync()}\n{b.Output}");
        await PlanFlow.ActAsync(OnB("truongphong"), planId, "approve", signingForm: "direct");
        await PlanFlow.ActAsync(OnB("vanthu"), planId, "approve");

        var plan = await onA["chuyenvien"].GetFromJsonAsync<JsonElement>($"/api/plans/{planId}");
        Assert.Equal("released", plan.GetProperty("status").GetString());
        Assert.Equal("01/KH-PGDĐT", plan.GetProperty("symbol").GetString());
        var audit = await OnB("vanthu").GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean());

        // A stranger's cookie is refused by B: the shared key ring is what made the cookies above work.
        using var forged = b.Client();
        forged.DefaultRequestHeaders.Add("Cookie", "workflows.auth=CfDJ8" + new string('A', 200));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/auth/me")).StatusCode);
        await using (var connection = new NpgsqlConnection(a.ConnectionString))
        {
            await connection.OpenAsync();
            await using var keys = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
            Assert.Equal(1L, (long)(await keys.ExecuteScalarAsync())!);
        }

        // B's JSON log line for the review carries the plan, instance and task ids as scope properties.
        var line = b.Output.Split('\n').FirstOrDefault(l => l.Contains("\"TaskId\":\"" + reviewTask, StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal));
        Assert.True(line is not null, "no log line with the task scope:\n" + b.Output);
        var scopes = JsonDocument.Parse(line).RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("PlanId", out var p) && p.GetString() == planId.ToString());
        Assert.Contains(scopes, s => s.TryGetProperty("InstanceId", out _));
    }

    [Fact]
    public async Task Two_Host_processes_sending_from_one_outbox_send_every_message_once()
    {
        using var smtp = new TestSmtpServer().Start();
        var settings = Settings(smtp.Port, batch: "10");
        settings["Workflows:Distribution:Workers"] = "4";
        await using var a = await new HostProcess(settings: settings, name: "A").StartAsync();
        await using var b = await new HostProcess(a.ConnectionString, settings, name: "B").StartAsync();

        var admin = await a.SignInAsync("quantri");
        var csv = new StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= 200; i++) csv.Append($"Trường Thử Số {i},school,truong{i}@uongbi.example.org,Các trường học trực thuộc,\n");
        var import = await admin.PostAsync("/api/directory/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        var flow = await PlanFlow.StartAsync(u => a.SignInAsync(u));
        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"), "Kế hoạch 82.txt");
        await flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(flow, planId, TimeSpan.FromSeconds(120));

        Assert.Equal(UongBiAddresses.Length + 200, deliveries.Length);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        var received = smtp.Messages().SelectMany(m => m.To).ToList();
        Assert.Equal(deliveries.Select(d => d.GetProperty("address").GetString()!).Order(), received.Order());
        await using var connection = new NpgsqlConnection(a.ConnectionString);
        await connection.OpenAsync();
        await using var senders = new NpgsqlCommand("SELECT count(DISTINCT split_part(sent_by, ':', 2)) FROM outgoing_messages WHERE plan_id = @p", connection);
        senders.Parameters.AddWithValue("p", planId);
        Assert.Equal(2L, (long)(await senders.ExecuteScalarAsync())!); // both processes took part
    }
}
