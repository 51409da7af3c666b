using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Workflows.Storage;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Operations;

/// <summary>A PostgreSQL cluster of this class's own (its restarts must not disturb the other tests).</summary>
public sealed class OwnPostgres : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"workflows-restart-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public OwnPostgres()
    {
        Cluster = new LocalPostgresCluster(_directory, 0, NullLogger.Instance);
        Cluster.Start(); // fsync and synchronous commit on: an immediate shutdown must not lose committed work
    }

    internal LocalPostgresCluster Cluster { get; }

    public string CreateDatabase()
    {
        var name = $"restart_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return Cluster.ConnectionString(name);
    }

    public void Dispose()
    {
        Cluster.Stop(immediate: true);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// PostgreSQL stopped (immediate shutdown: a crash for the clients) while a request is inside its transaction, then
/// started again: nothing of the request is kept, the audit chain is intact, the user retries and succeeds.
/// </summary>
public sealed class PostgresRestartTests(OwnPostgres postgres) : IClassFixture<OwnPostgres>
{
    [Fact]
    public async Task PostgreSQL_restarted_in_the_middle_of_a_release_keeps_nothing_of_it_and_the_clerk_releases_on_retry()
    {
        using var smtp = new TestSmtpServer().Start();
        await using var app = new WorkflowsApp(postgres.CreateDatabase(), settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), "Kế hoạch 95.txt");
        await ToClerkAsync(flow, planId);
        var before = await StateAsync(app.ConnectionString, planId);
        var taskId = await PlanFlow.TaskOfAsync(flow.Clerk, planId);

        var response = await CrashDuringAsync(app, () => PlanFlow.CompleteAsync(flow.Clerk, taskId, "approve"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("thử lại", await response.Content.ReadAsStringAsync());

        Assert.Equal(before, await StateAsync(app.ConnectionString, planId)); // not numbered, not released, no message queued
        var plan = await flow.PlanAsync(planId);
        Assert.Equal("signed", plan.GetProperty("status").GetString());
        await AssertAuditIntactAsync(flow);

        var retry = await PlanFlow.CompleteAsync(flow.Clerk, await PlanFlow.TaskOfAsync(flow.Clerk, planId), "approve");
        Assert.True(retry.IsSuccessStatusCode, $"{(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
        plan = await flow.PlanAsync(planId);
        Assert.Equal("released", plan.GetProperty("status").GetString());
        Assert.Equal("01/KH-PGDĐT", plan.GetProperty("symbol").GetString()); // the number the failed attempt held was not used up
        var deliveries = await SettledAsync(flow, planId);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.Equal(UongBiAddresses.Order(), smtp.Messages().SelectMany(m => m.To).Order());
        await AssertAuditIntactAsync(flow);
    }

    [Fact]
    public async Task PostgreSQL_restarted_in_the_middle_of_a_signing_keeps_nothing_of_it_and_the_signer_signs_on_retry()
    {
        await using var app = new WorkflowsApp(postgres.CreateDatabase());
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch thử khởi động lại cơ sở dữ liệu khi ký");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var before = await StateAsync(app.ConnectionString, planId);
        var taskId = await PlanFlow.TaskOfAsync(flow.Signer, planId);

        var response = await CrashDuringAsync(app, () => PlanFlow.CompleteAsync(flow.Signer, taskId, "approve", signingForm: "direct"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

        Assert.Equal(before, await StateAsync(app.ConnectionString, planId));
        var plan = await flow.PlanAsync(planId);
        Assert.Equal("awaiting-signature", plan.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("signing").ValueKind);
        await AssertAuditIntactAsync(flow);

        await PlanFlow.ActAsync(flow.Signer, planId, "approve", signingForm: "direct");
        plan = await flow.PlanAsync(planId);
        Assert.Equal("signed", plan.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, plan.GetProperty("signing").ValueKind);
        await AssertAuditIntactAsync(flow);
    }

    /// <summary>
    /// Holds the audit chain (the last write of every transition) so <paramref name="request"/> blocks inside its
    /// transaction after its other writes, stops PostgreSQL with an immediate shutdown while it waits, checks the Host
    /// reports not ready but alive, starts PostgreSQL again, and returns the request's answer.
    /// </summary>
    private async Task<HttpResponseMessage> CrashDuringAsync(WorkflowsApp app, Func<Task<HttpResponseMessage>> request)
    {
        var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync();
        await using (var lockTable = new NpgsqlCommand("BEGIN; LOCK TABLE audit_log IN SHARE MODE", blocker)) await lockTable.ExecuteNonQueryAsync();
        var pending = request();
        await WaitForBlockedWriterAsync(app.ConnectionString, pending);

        postgres.Cluster.Stop(immediate: true);
        var response = await pending;
        await blocker.DisposeAsync().AsTask().ContinueWith(_ => { }); // its server is gone
        var health = app.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health/live")).StatusCode);

        postgres.Cluster.Start();
        NpgsqlConnection.ClearAllPools(); // this test's own connections died with the server (the Host's pool is its data source's)
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await health.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < until, "the Host did not become ready after PostgreSQL came back");
            await Task.Delay(200);
        }
        return response;
    }

    private static async Task WaitForBlockedWriterAsync(string connectionString, Task pending)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(pending.IsCompleted, "the request finished without waiting for the audit chain: " +
                (pending.IsCompletedSuccessfully && pending is Task<HttpResponseMessage> t ? $"{(int)t.Result.StatusCode}" : "failed"));
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            Assert.True(DateTime.UtcNow < until, "no request waited for the audit chain");
            await Task.Delay(20);
        }
    }

    /// <summary>Everything a transition writes, as one comparable string.</summary>
    private static async Task<string> StateAsync(string connectionString, Guid planId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws(' | ',
                (SELECT concat_ws(',', status, current_step, number, symbol, signing::text, released_at) FROM plans WHERE id = @p),
                (SELECT string_agg(concat_ws(',', step, status, outcome, completed_by), ';' ORDER BY created_at, step) FROM human_tasks WHERE plan_id = @p),
                (SELECT count(*) FROM audit_log),
                (SELECT count(*) FROM outgoing_messages WHERE plan_id = @p),
                (SELECT coalesce(string_agg(concat_ws(',', body_code, year, last_number), ';'), '') FROM issuance_counters))
            """, connection);
        command.Parameters.AddWithValue("p", planId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task AssertAuditIntactAsync(PlanFlow flow)
    {
        var verify = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
    }
}
