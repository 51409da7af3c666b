using Npgsql;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// Samples pg_stat_activity of one database every few milliseconds while a run goes on and averages what its active
/// backends wait for: a lock (a row another completion holds, or any other heavyweight lock), a WAL flush (commit), or
/// nothing (running, or idle in the client's round trip).
/// </summary>
internal sealed class WaitSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _samples;
    private double _locks, _wal, _active;

    public WaitSampler(string connectionString, string database) => _loop = Task.Run(() => LoopAsync(connectionString, database));

    /// <summary>Average backends per sample: (active, waiting on a lock, on WAL).</summary>
    public async Task<(double Active, double Locks, double Wal)> StopAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        var n = Math.Max(1, _samples);
        return (_active / n, _locks / n, _wal / n);
    }

    private async Task LoopAsync(string connectionString, string database)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(_stop.Token);
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE state = 'active'),
                   count(*) FILTER (WHERE wait_event_type = 'Lock'),
                   count(*) FILTER (WHERE wait_event IN ('WALSync', 'WALWrite', 'WALInsert', 'WALBufMapping') OR wait_event_type = 'IPC' AND wait_event = 'SyncRep')
            FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        await command.PrepareAsync(_stop.Token);
        while (!_stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(_stop.Token))
            {
                await reader.ReadAsync(_stop.Token);
                _active += reader.GetInt64(0);
                _locks += reader.GetInt64(1);
                _wal += reader.GetInt64(2);
                _samples++;
            }
            await Task.Delay(5, _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
