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
/// <para>
/// With a password (the Host's embedded default) the cluster accepts only <c>scram-sha-256</c> logins: the superuser's
/// password is generated (32 random bytes) and kept in <see cref="PasswordFile"/>, created with mode 0600 for the
/// user running this process, so another OS account can neither log in nor read it. A cluster made earlier with
/// <c>trust</c> is converted on its next start. Without a password (the tests' and benchmarks' throw-away clusters),
/// 127.0.0.1 is trusted.
/// </para>
/// </summary>
public sealed class LocalPostgresCluster
{
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private readonly bool _withPassword;

    /// <summary>Prepares (but does not start) a cluster in <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">Folder of the cluster; created when missing.</param>
    /// <param name="port">TCP port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="logger">Where progress is written.</param>
    /// <param name="withPassword">Logins need the generated password (<c>scram-sha-256</c>); false trusts 127.0.0.1.</param>
    /// <exception cref="InvalidOperationException">No PostgreSQL server binaries are installed.</exception>
    public LocalPostgresCluster(string dataDirectory, int port, ILogger logger, bool withPassword = false)
    {
        _dataDirectory = Path.GetFullPath(dataDirectory);
        _logger = logger;
        _binDirectory = FindBinDirectory();
        _asPostgresUser = Environment.UserName == "root";
        _withPassword = withPassword;
        Port = port == 0 ? FreePort() : port;
    }

    /// <summary>The file holding the superuser's password (mode 0600, this process's user), or null without a password.</summary>
    public string? PasswordFile => _withPassword ? Path.Combine(_dataDirectory, "host.password") : null;

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Connection string of the superuser <c>postgres</c> to database <paramref name="database"/>.</summary>
    /// <exception cref="InvalidOperationException">A password cluster whose password file is missing (not started yet).</exception>
    public string ConnectionString(string database = "postgres")
    {
        var builder = new NpgsqlConnectionStringBuilder($"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=60;Timeout=30;Command Timeout=120");
        if (PasswordFile is { } file)
            builder.Password = File.Exists(file) ? File.ReadAllText(file).Trim() : throw new InvalidOperationException($"The password file {file} does not exist; start the cluster first.");
        return builder.ConnectionString;
    }

    /// <summary>
    /// Runs <c>initdb</c> when the folder holds no cluster yet, then starts the server unless it already runs there.
    /// </summary>
    /// <param name="fastUnsafe">Turns fsync off: for tests and benchmarks only.</param>
    /// <returns>True when this call started the server; false when it already ran in the folder (someone else's).</returns>
    /// <exception cref="InvalidOperationException">initdb or pg_ctl failed, the message holding their output; or the port is
    /// taken by another program (the message names the port).</exception>
    public bool Start(bool fastUnsafe = false)
    {
        var pgData = Path.Combine(_dataDirectory, "pg");
        if (!File.Exists(Path.Combine(pgData, "PG_VERSION")))
        {
            Directory.CreateDirectory(pgData);
            GiveToPostgres(_dataDirectory);
            _logger.LogInformation("Creating a PostgreSQL cluster in {Directory}", pgData);
            if (_withPassword) InitWithPassword(pgData);
            else Run("initdb", $"-D \"{pgData}\" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        }
        if (Run("pg_ctl", $"-D \"{pgData}\" status", throwOnError: false) == 0)
        {
            _logger.LogInformation("PostgreSQL already runs in {Directory}", pgData);
            if (_withPassword) SecureTrustedCluster(pgData);
            return false;
        }
        // The tests' and benchmarks' cluster (fastUnsafe) serves many Hosts at once, each with its pool and Hangfire's.
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections={(fastUnsafe ? 1000 : 300)}";
        if (fastUnsafe) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        if (Taken(Port))
            throw new InvalidOperationException(
                $"127.0.0.1:{Port} is already in use by another program (another PostgreSQL?), so the cluster in {pgData} cannot listen there. "
                + "Stop that program, or give the cluster another port (the Host's setting Workflows:Storage:EmbeddedPort).");
        _logger.LogInformation("Starting PostgreSQL on 127.0.0.1:{Port}", Port);
        Run("pg_ctl", $"-D \"{pgData}\" -l \"{Path.Combine(_dataDirectory, "postgres.log")}\" -o \"{options}\" -w -t 60 start");
        if (_withPassword) SecureTrustedCluster(pgData);
        return true;
    }

    /// <summary>initdb with scram-sha-256 for every connection and a new password given through a file only initdb reads.</summary>
    private void InitWithPassword(string pgData)
    {
        var password = NewPassword();
        var initFile = Path.Combine(_dataDirectory, ".initdb-password");
        WritePrivate(initFile, password);
        try
        {
            GiveToPostgres(initFile);
            Run("initdb", $"-D \"{pgData}\" -U postgres --auth=scram-sha-256 --pwfile=\"{initFile}\" -E UTF8 --locale=C.UTF-8");
        }
        finally
        {
            File.Delete(initFile);
        }
        WritePrivate(PasswordFile!, password);
    }

    /// <summary>
    /// A cluster made before passwords (its pg_hba.conf trusts, or the password file is gone): sets a new password
    /// while 127.0.0.1 is still trusted, then makes every rule scram-sha-256 and reloads the server.
    /// </summary>
    private void SecureTrustedCluster(string pgData)
    {
        var hba = Path.Combine(pgData, "pg_hba.conf");
        var lines = File.ReadAllLines(hba);
        bool Trusting(string line) => !line.TrimStart().StartsWith('#') && line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words && words[^1] == "trust";
        if (!lines.Any(Trusting) && File.Exists(PasswordFile)) return;
        if (!lines.Any(Trusting))
            throw new InvalidOperationException($"The password file {PasswordFile} is missing and {hba} trusts nobody: restore the file, or set a password for postgres and write it there.");
        _logger.LogInformation("Securing the PostgreSQL cluster in {Directory}: scram-sha-256 with a generated password", pgData);
        var password = NewPassword();
        using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false"))
        {
            connection.Open();
            using var set = new NpgsqlCommand($"SET password_encryption = 'scram-sha-256'; ALTER ROLE postgres PASSWORD '{password}'", connection);
            set.ExecuteNonQuery();
        }
        WritePrivate(PasswordFile!, password);
        File.WriteAllLines(hba, lines.Select(l => Trusting(l) ? l[..l.LastIndexOf("trust", StringComparison.Ordinal)] + "scram-sha-256" : l));
        Run("pg_ctl", $"-D \"{pgData}\" reload");
    }

    /// <summary>32 random bytes as URL-safe base64 (no quote, no space: safe in SQL text and connection strings).</summary>
    private static string NewPassword() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Writes <paramref name="text"/> to a file created with mode 0600 (replacing any earlier one).</summary>
    private static void WritePrivate(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
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

    /// <summary>True when something already listens on 127.0.0.1:<paramref name="port"/>.</summary>
    private static bool Taken(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
