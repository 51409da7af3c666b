using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Testing;

/// <summary>
/// One real PostgreSQL cluster for the whole test run (initdb in a temporary folder, fsync off, a free loopback
/// port), stopped when the test process exits. Each test class takes a fresh database of its own.
/// </summary>
internal static class TestPostgres
{
    private static readonly Lazy<LocalPostgresCluster> Cluster = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var cluster = Cluster.Value;
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(cluster.ConnectionString());
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return cluster.ConnectionString(name);
    }

    /// <summary>The running cluster (for fault tests that restart it).</summary>
    public static LocalPostgresCluster Server => Cluster.Value;

    private static LocalPostgresCluster Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"workflows-tests-{Environment.ProcessId}");
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var cluster = new LocalPostgresCluster(directory, 0, NullLogger.Instance);
        cluster.Start(fastUnsafe: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.Stop(immediate: true);
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return cluster;
    }
}
