using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Workflows.IntegrationTests.Operations;

/// <summary><c>/health/ready</c> names the scheduler: this node's Hangfire server is registered and its heartbeat recent (issues 7 and 15).</summary>
public sealed class SchedulerHealthTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Scheduler)> ReadyAsync(WorkflowsApp app)
    {
        var response = await (await app.SignInAsync("quantri")).GetAsync("/health/ready"); // the checks are for an admin
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("checks").TryGetProperty("scheduler", out var scheduler), body.ToString());
        return (response.StatusCode, scheduler);
    }

    private static async Task<int> ExecuteAsync(WorkflowsApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Heartbeats every 10 minutes: the one written at start-up is the last one during the test.</summary>
    private static WorkflowsApp SilentNode(string name) => new(settings: new Dictionary<string, string?>
    {
        ["Workflows:Scheduler:InstanceId"] = name,
        ["Workflows:Scheduler:HeartbeatSeconds"] = "600",
    });

    [Fact]
    public async Task A_node_whose_last_heartbeat_is_old_is_not_ready()
    {
        await using var app = SilentNode("node-silent");
        var (status, check) = await ReadyAsync(app);
        Assert.True(status == HttpStatusCode.OK, check.ToString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.StartsWith($"node-silent:{Environment.ProcessId}:", check.GetProperty("data").GetProperty("serverId").GetString());

        // As if this node had not sent a heartbeat for an hour.
        Assert.Equal(1, await ExecuteAsync(app, "UPDATE hangfire.server SET lastheartbeat = now() - interval '1 hour' WHERE id LIKE 'node-silent:%'"));

        (status, check) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("Last heartbeat ", check.GetProperty("description").GetString());
        Assert.InRange(check.GetProperty("data").GetProperty("lastHeartbeatSecondsAgo").GetDouble(), 3500, 3700);
    }

    [Fact]
    public async Task A_node_whose_server_the_cluster_removed_is_not_ready()
    {
        await using var app = SilentNode("node-gone");
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(app)).Status);

        // Another node's watchdog removed this server (its heartbeats had stopped).
        Assert.Equal(1, await ExecuteAsync(app, "DELETE FROM hangfire.server WHERE id LIKE 'node-gone:%'"));

        var (status, check) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("not registered", check.GetProperty("description").GetString());
    }
}
