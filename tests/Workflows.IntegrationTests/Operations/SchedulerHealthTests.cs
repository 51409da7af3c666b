using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Workflows.IntegrationTests.Operations;

/// <summary><c>/health/ready</c> names the scheduler: running and recently checked in to the cluster (issue 7).</summary>
public sealed class SchedulerHealthTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Scheduler)> ReadyAsync(WorkflowsApp app)
    {
        var response = await (await app.SignInAsync("quantri")).GetAsync("/health/ready"); // the checks are for an admin
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("checks").TryGetProperty("scheduler", out var scheduler), body.ToString());
        return (response.StatusCode, scheduler);
    }

    [Fact]
    public async Task A_node_whose_scheduler_is_in_standby_is_not_ready_until_it_runs_again()
    {
        await using var app = new WorkflowsApp(settings: new Dictionary<string, string?> { ["Workflows:Scheduler:InstanceId"] = "node-standby" });
        var (status, check) = await ReadyAsync(app);
        Assert.True(status == HttpStatusCode.OK, check.ToString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal("node-standby", check.GetProperty("data").GetProperty("instanceId").GetString());
        Assert.Equal("Alive", check.GetProperty("data").GetProperty("clusterState").GetString());

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        (status, check) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("standby", check.GetProperty("description").GetString());

        await scheduler.Start();
        (status, _) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_node_whose_last_cluster_check_in_is_old_is_not_ready()
    {
        // Check-ins every 10 minutes: the one written at start-up is the last one during this test.
        await using var app = new WorkflowsApp(settings: new Dictionary<string, string?>
        {
            ["Workflows:Scheduler:InstanceId"] = "node-silent",
            ["Workflows:Scheduler:CheckinSeconds"] = "600",
        });
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(app)).Status);

        // As if this node had not checked in for an hour (Quartz.NET stores UTC ticks).
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE qrtz_scheduler_state SET last_checkin_time = $1 WHERE instance_name = 'node-silent'", connection);
            command.Parameters.AddWithValue(DateTimeOffset.UtcNow.AddHours(-1).UtcTicks);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (status, check) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("Last cluster check-in ", check.GetProperty("description").GetString());
        Assert.InRange(check.GetProperty("data").GetProperty("lastCheckinSecondsAgo").GetDouble(), 3500, 3700);
    }
}
