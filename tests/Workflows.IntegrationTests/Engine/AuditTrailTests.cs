using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Workflows.IntegrationTests.Engine;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task An_untouched_audit_trail_verifies_as_intact()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        await flow.ReleaseAsync(await flow.CreateAsync("Kế hoạch tuyển sinh"));

        var result = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.True(result.GetProperty("records").GetInt64() >= 12);
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
    }

    [Theory]
    [InlineData("UPDATE audit_log SET data = jsonb_set(data, '{comment}', '\"Đã sửa\"') WHERE seq = (SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1)", "changed")]
    [InlineData("DELETE FROM audit_log WHERE seq = (SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1)", "removed")]
    public async Task A_tampered_audit_record_is_reported_with_the_first_broken_record(string tampering, string reason)
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        await flow.ReleaseAsync(await flow.CreateAsync("Kế hoạch kiểm định chất lượng"));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var target = (long)(await new NpgsqlCommand("SELECT seq FROM audit_log WHERE action = 'task.completed' ORDER BY seq LIMIT 1", connection).ExecuteScalarAsync())!;
        await new NpgsqlCommand($"SET session_replication_role = replica; {tampering}; SET session_replication_role = origin;", connection).ExecuteNonQueryAsync();

        var result = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.False(result.GetProperty("intact").GetBoolean());
        var expected = reason == "changed" ? target : (long)(await new NpgsqlCommand($"SELECT min(seq) FROM audit_log WHERE seq > {target}", connection).ExecuteScalarAsync())!;
        Assert.Equal(expected, result.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains(reason, result.GetProperty("reason").GetString());
    }
}
