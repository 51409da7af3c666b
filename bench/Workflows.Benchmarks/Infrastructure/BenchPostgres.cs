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

    public BenchPostgres(bool durable)
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        Cluster = new LocalPostgresCluster(_directory, 0, NullLogger.Instance);
        Cluster.Start(fastUnsafe: !durable);
        Durable = durable;
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
