using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Audit;
using Workflows.Storage;

namespace Workflows.IntegrationTests.Engine;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task An_untouched_audit_trail_verifies_as_intact()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        await flow.ReleaseAsync(await flow.CreateAsync("Kế hoạch tuyển sinh"));
        await SealAllAsync(app);

        var result = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.True(result.GetProperty("records").GetInt64() >= 12);
        Assert.Equal(0, result.GetProperty("unsealed").GetInt64());
    }

    [Fact]
    public async Task Records_are_written_unsealed_and_the_hosts_sealer_chains_them_shortly_after_commit()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch phổ cập bơi");
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();

        var until = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await new NpgsqlCommand("SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq)", connection).ExecuteScalarAsync())! > 0)
        {
            Assert.True(DateTime.UtcNow < until, "the sealer did not seal the records within 10 s");
            await Task.Delay(50);
        }

        var created = await new NpgsqlCommand(
            $"SELECT s.position IS NOT NULL AND s.sealed_at IS NOT NULL FROM audit_log a LEFT JOIN audit_seals s ON s.seq = a.seq WHERE a.action = 'plan.created' AND a.plan_id = '{planId}'", connection).ExecuteScalarAsync();
        Assert.Equal(true, created);
        var result = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.Equal(0, result.GetProperty("unsealed").GetInt64());
    }

    [Fact]
    public async Task A_record_waits_unsealed_while_an_earlier_transaction_is_open_and_the_chain_keeps_the_order_of_the_transactions()
    {
        await using var app = new WorkflowsApp(settings: new Dictionary<string, string?> { ["Workflows:Distribution:SenderEnabled"] = "false" });
        var flow = await PlanFlow.StartAsync(app);
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var sealer = app.Services.GetRequiredService<AuditSealer>();
        var now = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();

        await using var first = await UnitOfWork.BeginAsync(dataSource);
        first.Audit(now, "kiemthu", "test.first", null, null, null, new { n = 1 });
        await first.FlushAsync(); // written; its transaction stays open
        await using (var second = await UnitOfWork.BeginAsync(dataSource))
        {
            second.Audit(now, "kiemthu", "test.second", null, null, null, new { n = 2 });
            await second.CommitAsync();
        }
        await sealer.SealAsync(); // "second" committed, but "first", begun before it, is still open

        var waiting = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(waiting.GetProperty("intact").GetBoolean());
        Assert.True(waiting.GetProperty("unsealed").GetInt64() >= 1, waiting.ToString());
        Assert.Equal(DBNull.Value, await new NpgsqlCommand("SELECT s.hash FROM audit_log a LEFT JOIN audit_seals s ON s.seq = a.seq WHERE a.action = 'test.second'", connection).ExecuteScalarAsync());

        await first.CommitAsync();
        await using (var third = await UnitOfWork.BeginAsync(dataSource))
        {
            third.Audit(now, "kiemthu", "test.third", null, null, null, new { n = 3 });
            third.Audit(now, "kiemthu", "test.third-b", null, null, null, new { n = 4 });
            await third.CommitAsync();
        }
        await SealAllAsync(app);

        var actions = new List<string>();
        await using (var order = new NpgsqlCommand("SELECT a.action FROM audit_log a JOIN audit_seals s ON s.seq = a.seq WHERE a.actor = 'kiemthu' ORDER BY s.position", connection))
        await using (var reader = await order.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) actions.Add(reader.GetString(0));
        }
        Assert.Equal(["test.first", "test.second", "test.third", "test.third-b"], actions);
        Assert.Equal(3L, await new NpgsqlCommand("SELECT max(s.position) - min(s.position) FROM audit_log a JOIN audit_seals s ON s.seq = a.seq WHERE a.actor = 'kiemthu'", connection).ExecuteScalarAsync());
        var sealedChain = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(sealedChain.GetProperty("intact").GetBoolean());
        Assert.Equal(0, sealedChain.GetProperty("unsealed").GetInt64());
    }

    [Fact]
    public async Task Concurrent_transactions_are_sealed_into_one_intact_chain_with_each_transactions_records_side_by_side()
    {
        await using var app = new WorkflowsApp(settings: new Dictionary<string, string?> { ["Workflows:Distribution:SenderEnabled"] = "false" });
        var flow = await PlanFlow.StartAsync(app);
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var now = DateTimeOffset.UtcNow;

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
            work.Audit(now, "dongthoi", "test.a", null, null, null, new { i });
            work.Audit(now, "dongthoi", "test.b", null, null, null, new { i });
            await work.CommitAsync(ct);
        });
        await SealAllAsync(app);

        var result = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
        Assert.Equal(0, result.GetProperty("unsealed").GetInt64());
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var apart = await new NpgsqlCommand("""
            SELECT count(*) FROM audit_log a JOIN audit_log b ON b.data->>'i' = a.data->>'i' AND b.actor = 'dongthoi' AND b.action = 'test.b'
            JOIN audit_seals sa ON sa.seq = a.seq JOIN audit_seals sb ON sb.seq = b.seq
            WHERE a.actor = 'dongthoi' AND a.action = 'test.a' AND sb.position <> sa.position + 1
            """, connection).ExecuteScalarAsync();
        Assert.Equal(0L, apart);
    }

    [Fact]
    public async Task The_audit_trail_refuses_updates_and_deletes()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        await flow.CreateAsync("Kế hoạch tập huấn");
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();

        await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("DELETE FROM audit_log", connection).ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("UPDATE audit_log SET actor = 'x'", connection).ExecuteNonQueryAsync());
        await SealAllAsync(app);
        await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("UPDATE audit_seals SET hash = sha256(hash)", connection).ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("DELETE FROM audit_seals", connection).ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData("UPDATE audit_log SET data = jsonb_set(data, '{comment}', '\"Đã sửa\"') WHERE seq = (SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1)", "changed", false)]
    [InlineData("DELETE FROM audit_log WHERE seq = (SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1)", "removed", false)]
    [InlineData("DELETE FROM audit_seals WHERE seq = (SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1); DELETE FROM audit_log WHERE seq = (SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1)", "removed", true)]
    public async Task A_sealed_audit_record_tampered_with_is_reported_with_the_first_broken_record(string tampering, string reason, bool reportedAtTheNext)
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        await flow.ReleaseAsync(await flow.CreateAsync("Kế hoạch kiểm định chất lượng"));
        await SealAllAsync(app);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var target = (long)(await new NpgsqlCommand("SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1", connection).ExecuteScalarAsync())!;
        Assert.Equal(false, await new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM audit_seals WHERE seq = {target})", connection).ExecuteScalarAsync());
        var next = (long)(await new NpgsqlCommand(
            $"SELECT seq FROM audit_seals WHERE position > (SELECT position FROM audit_seals WHERE seq = {target}) ORDER BY position LIMIT 1", connection).ExecuteScalarAsync())!;
        await new NpgsqlCommand($"SET session_replication_role = replica; {tampering}; SET session_replication_role = origin;", connection).ExecuteNonQueryAsync();

        var result = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.False(result.GetProperty("intact").GetBoolean());
        Assert.Equal(reportedAtTheNext ? next : target, result.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains(reason, result.GetProperty("reason").GetString());
    }

    /// <summary>
    /// Seals until no record of this database is left unsealed (tests of other databases on the same server may hold the
    /// sealing horizon back for a moment: it is the oldest transaction of the whole server).
    /// </summary>
    private static async Task SealAllAsync(WorkflowsApp app)
    {
        var sealer = app.Services.GetRequiredService<AuditSealer>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await sealer.SealAsync();
            if ((await sealer.BacklogAsync()).Count == 0) return;
            Assert.True(DateTime.UtcNow < until, "records stayed unsealed for 20 s");
            await Task.Delay(20);
        }
    }
}
