using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workflows.Storage;

/// <summary>
/// A private PostgreSQL cluster in a folder of its own, prepared with <c>initdb</c> on first use and started with
/// <c>pg_ctl</c> on a loopback TCP port. Used by the Host's embedded default and by the tests. Binaries come from
/// Debian's <c>postgresql</c> package (<c>/usr/lib/postgresql/N/bin</c>); when the process runs as root the server
/// runs as the <c>postgres</c> user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class LocalPostgresCluster
{
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;

    /// <summary>Prepares (but does not start) a cluster in <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">Folder of the cluster; created when missing.</param>
    /// <param name="port">TCP port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="logger">Where progress is written.</param>
    /// <exception cref="InvalidOperationException">No PostgreSQL server binaries are installed.</exception>
    public LocalPostgresCluster(string dataDirectory, int port, ILogger logger)
    {
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _logger = logger;
        _binDirectory = FindBinDirectory();
        _asPostgresUser = Environment.UserName == "root";
        Port = port == 0 ? FreePort() : port;
    }

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Connection string of the superuser <c>postgres</c> to database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=60;Timeout=30;Command Timeout=120";

    /// <summary>
    /// Runs <c>initdb</c> when the folder holds no cluster yet, then starts the server unless it already runs there.
    /// </summary>
    /// <param name="fastUnsafe">Turns fsync off: for tests and benchmarks only.</param>
    /// <returns>True when this call started the server; false when it already ran in the folder (someone else's).</returns>
    /// <exception cref="InvalidOperationException">initdb or pg_ctl failed; the message holds their output.</exception>
    public bool Start(bool fastUnsafe = false)
    {
        var pgData = Path.Combine(_dataDirectory, "pg");
        if (!File.Exists(Path.Combine(pgData, "PG_VERSION")))
        {
            Directory.CreateDirectory(pgData);
            GiveToPostgres(_dataDirectory);
            _logger.LogInformation("Creating a PostgreSQL cluster in {Directory}", pgData);
            Run("initdb", $"-D \"{pgData}\" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        }
        if (Run("pg_ctl", $"-D \"{pgData}\" status", throwOnError: false) == 0)
        {
            _logger.LogInformation("PostgreSQL already runs in {Directory}", pgData);
            return false;
        }
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300";
        if (fastUnsafe) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        _logger.LogInformation("Starting PostgreSQL on 127.0.0.1:{Port}", Port);
        Run("pg_ctl", $"-D \"{pgData}\" -l \"{Path.Combine(_dataDirectory, "postgres.log")}\" -o \"{options}\" -w -t 60 start");
        return true;
    }

    /// <summary>The cluster's folder (the server's data directory is its <c>pg</c> subfolder).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// Stops the server and waits until it has exited: a fast shutdown (open sessions are ended, committed work is
    /// kept), or with <paramref name="immediate"/> an immediate one (recovery on the next start). Does nothing when it
    /// is not running.
    /// </summary>
    public void Stop(bool immediate = false)
    {
        var pgData = Path.Combine(_dataDirectory, "pg");
        if (Run("pg_ctl", $"-D \"{pgData}\" status", throwOnError: false) != 0) return;
        Run("pg_ctl", $"-D \"{pgData}\" -m {(immediate ? "immediate" : "fast")} -w stop", throwOnError: false);
    }

    /// <summary>Creates database <paramref name="database"/> in the running cluster unless it exists already.</summary>
    /// <param name="database">Database name; quoted as an identifier, so any name PostgreSQL accepts.</param>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses.</exception>
    public void EnsureDatabase(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is not null) return;
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        create.ExecuteNonQuery();
    }

    /// <summary>
    /// The port a running cluster in <paramref name="dataDirectory"/> listens on, read from its postmaster.pid;
    /// null when none runs there.
    /// </summary>
    public static int? RunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(Path.GetFullPath(dataDirectory), "pg", "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private int Run(string tool, string arguments, bool throwOnError = true)
    {
        var executable = Path.Combine(_binDirectory, tool);
        var start = _asPostgresUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- \"{executable}\" {arguments}")
            : new ProcessStartInfo(executable, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException(
                $"{tool} {arguments} failed with exit code {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }
        return process.ExitCode;
    }

    private void GiveToPostgres(string directory)
    {
        if (!_asPostgresUser) return;
        using var chown = Process.Start(new ProcessStartInfo("chown", $"-R postgres:postgres \"{directory}\"") { UseShellExecute = false })!;
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InvalidOperationException($"chown of {directory} to postgres failed.");
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql. Install them with: apt-get install -y postgresql");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
