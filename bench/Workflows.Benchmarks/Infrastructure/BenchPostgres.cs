using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// A real PostgreSQL cluster for the run (<see cref="LocalPostgresCluster"/> in a temporary folder on a free loopback
/// port), stopped and deleted at the end. Without <c>--durable</c> it runs with fsync, synchronous_commit and
/// full_page_writes off (the tests' settings): commits do not wait for the disk.
/// </summary>
internal sealed class BenchPostgres : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"workflows-bench-{Environment.ProcessId}");
    private int _databases;

    public BenchPostgres(bool durable, int? explainMs = null, string? profileLog = null)
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        Cluster = new LocalPostgresCluster(_directory, 0, NullLogger.Instance);
        Cluster.Start(fastUnsafe: !durable);
        Durable = durable;
        if (explainMs is { } ms && profileLog is not null)
        {
            // --explain: pg_stat_statements needs a restart to load; auto_explain logs each slow statement's plan with
            // its actual rows, times and buffers, nested ones (inside functions) included.
            // LOAD first: ALTER SYSTEM accepts auto_explain's settings once the library has defined them.
            Execute("postgres", new[]
            {
                "LOAD 'auto_explain'", "ALTER SYSTEM SET shared_preload_libraries = pg_stat_statements, auto_explain",
                $"ALTER SYSTEM SET auto_explain.log_min_duration = '{ms}ms'", "ALTER SYSTEM SET auto_explain.log_analyze = on",
                "ALTER SYSTEM SET auto_explain.log_buffers = on", "ALTER SYSTEM SET auto_explain.log_nested_statements = on",
            });
            NpgsqlConnection.ClearAllPools();
            Cluster.Stop(immediate: false);
            Cluster.Start(fastUnsafe: !durable);
            Execute("postgres", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            _profileLog = profileLog;
            File.WriteAllText(profileLog, $"PostgreSQL profile of a benchmark run, {DateTimeOffset.UtcNow:u}: auto_explain over {ms} ms, pg_stat_statements per scenario\n");
        }
    }

    private readonly string? _profileLog;

    private long _logOffset;

    /// <summary>Runs each statement on its own, on one connection (ALTER SYSTEM may not share a transaction).</summary>
    private void Execute(string database, params string[] statements)
    {
        using var connection = new NpgsqlConnection(Cluster.ConnectionString(database));
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// With --explain: appends the scenario's 15 most expensive statements (pg_stat_statements, total time) and the plans
    /// auto_explain logged during it to the profile log, then resets the statistics.
    /// </summary>
    public void Profile(string scenario)
    {
        if (_profileLog is null) return;
        using var writer = File.AppendText(_profileLog);
        writer.WriteLine($"\n===== {scenario}: top statements by total execution time");
        writer.WriteLine("calls | total ms | mean ms | rows | buffers | wal records | wal bytes | full-page images | query");
        using (var connection = new NpgsqlConnection(Cluster.ConnectionString("postgres")))
        {
            connection.Open();
            using (var command = new NpgsqlCommand(
                       """
                       SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,
                              shared_blks_hit + shared_blks_read, wal_records, wal_bytes, wal_fpi, left(regexp_replace(query, '\s+', ' ', 'g'), 400)
                       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15
                       """, connection))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    writer.WriteLine($"{reader.GetInt64(0)} | {reader.GetDecimal(1)} | {reader.GetDecimal(2)} | {reader.GetInt64(3)} | {reader.GetInt64(4)} | {reader.GetInt64(5)} | {reader.GetDecimal(6)} | {reader.GetInt64(7)} | {reader.GetString(8)}");
            }
            using (var wal = new NpgsqlCommand("SELECT wal_records, wal_fpi, wal_bytes, wal_write, wal_sync FROM pg_stat_wal", connection))
            using (var reader = wal.ExecuteReader())
            {
                reader.Read();
                writer.WriteLine($"WAL of the whole scenario (pg_stat_wal): {reader.GetInt64(0)} records, {reader.GetInt64(1)} full-page images, {reader.GetDecimal(2)} bytes, {reader.GetInt64(3)} writes, {reader.GetInt64(4)} syncs");
            }
            using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')", connection);
            reset.ExecuteNonQuery();
        }
        writer.WriteLine($"\n===== {scenario}: auto_explain");
        using var stream = new FileStream(Path.Combine(_directory, "postgres.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_logOffset, SeekOrigin.Begin);
        using var log = new StreamReader(stream);
        writer.Write(log.ReadToEnd());
        _logOffset = stream.Length;
    }

    public LocalPostgresCluster Cluster { get; }

    /// <summary>CPU time of this process and of the cluster.</summary>
    public CpuMeter Cpu() => CpuMeter.ForCluster(Path.Combine(_directory, "pg"));

    public bool Durable { get; }

    /// <summary>The server's settings that matter for throughput, as PostgreSQL reports them.</summary>
    public string Settings()
    {
        using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'server_version')",
            connection);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Creates an empty database; returns its name.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return name;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Cluster.Stop(immediate: true);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
