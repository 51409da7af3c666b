using Npgsql;
using Workflows.Audit;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.IntegrationTests.Operations;

/// <summary>
/// The pool skips Npgsql's session reset (<see cref="WorkflowsDataSource.Build"/>), so session state must never ride on a
/// pooled connection: the sealer's leadership lock, the sender's LISTEN and the migrations' lock use connections of their own.
/// </summary>
public sealed class SessionConnectionTests
{
    private const long Key = 0x7465_7374; // any key the Host does not use

    [Fact]
    public async Task A_session_connections_advisory_lock_and_listener_end_when_it_closes_so_another_node_can_take_the_lock()
    {
        await using var dataSource = WorkflowsDataSource.Build(new NpgsqlConnectionStringBuilder(TestPostgres.CreateDatabase()) { MaxPoolSize = 2 }.ConnectionString);
        int pid;
        await using (var session = await WorkflowsDataSource.OpenSessionAsync(dataSource))
        {
            pid = session.ProcessID;
            await new NpgsqlCommand("LISTEN workflows_test", session).ExecuteNonQueryAsync();
            Assert.Equal(true, await new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", session).ExecuteScalarAsync());
            await using var other = await dataSource.OpenConnectionAsync();
            Assert.Equal(false, await new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", other).ExecuteScalarAsync());
        }

        await using var pooled = await dataSource.OpenConnectionAsync();
        var until = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}", pooled).ExecuteScalarAsync())! > 0)
        {
            Assert.True(DateTime.UtcNow < until, "the session's backend did not end within 10 s of closing it");
            await Task.Delay(20);
        }
        Assert.Equal(true, await new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", pooled).ExecuteScalarAsync());
        Assert.NotEqual(pid, pooled.ProcessID);
        await new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", pooled).ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_follower_keeps_its_session_and_takes_the_sealers_lead_on_it_once_the_leaders_session_closes()
    {
        await using var dataSource = WorkflowsDataSource.Build(TestPostgres.CreateDatabase());
        await using var follower = await WorkflowsDataSource.OpenSessionAsync(dataSource);
        await using (var leader = await WorkflowsDataSource.OpenSessionAsync(dataSource))
        {
            Assert.True(await AuditSealer.TryLeadAsync(leader, CancellationToken.None));
            Assert.False(await AuditSealer.TryLeadAsync(follower, CancellationToken.None));
            Assert.False(await AuditSealer.TryLeadAsync(follower, CancellationToken.None));
        }

        // The leader's backend ends shortly after its connection closes; until then the follower keeps asking.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await AuditSealer.TryLeadAsync(follower, CancellationToken.None))
        {
            Assert.True(DateTime.UtcNow < until, "the follower did not get the lead within 10 s of the leader's session closing");
            await Task.Delay(20);
        }
        await using var third = await WorkflowsDataSource.OpenSessionAsync(dataSource);
        Assert.False(await AuditSealer.TryLeadAsync(third, CancellationToken.None));
    }

    [Fact]
    public async Task A_pooled_connection_comes_back_without_the_reset_and_an_open_transaction_is_still_rolled_back()
    {
        await using var dataSource = WorkflowsDataSource.Build(new NpgsqlConnectionStringBuilder(TestPostgres.CreateDatabase()) { MaxPoolSize = 1 }.ConnectionString);
        await using (var setup = await dataSource.OpenConnectionAsync())
            await new NpgsqlCommand("CREATE TABLE kept (v int)", setup).ExecuteNonQueryAsync();
        int pid;
        await using (var first = await dataSource.OpenConnectionAsync())
        {
            pid = first.ProcessID;
            await new NpgsqlCommand("SELECT set_config('application_name', 'dau-vet', false)", first).ExecuteNonQueryAsync();
            var transaction = await first.BeginTransactionAsync();
            await new NpgsqlCommand("INSERT INTO kept VALUES (1)", first, transaction).ExecuteNonQueryAsync();
        }

        await using var second = await dataSource.OpenConnectionAsync();
        Assert.Equal(pid, second.ProcessID);
        Assert.Equal("dau-vet", await new NpgsqlCommand("SHOW application_name", second).ExecuteScalarAsync());
        Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM kept", second).ExecuteScalarAsync());
    }
}
