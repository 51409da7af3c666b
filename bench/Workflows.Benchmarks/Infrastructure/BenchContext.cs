namespace Workflows.Benchmarks.Infrastructure;

/// <summary>What every scenario shares: options, the repository, the PostgreSQL cluster and the SMTP server.</summary>
internal sealed class BenchContext(BenchOptions options, string repositoryRoot, BenchPostgres postgres, BenchSmtpServer smtp)
{
    public BenchOptions Options { get; } = options;

    public string RepositoryRoot { get; } = repositoryRoot;

    public BenchPostgres Postgres { get; } = postgres;

    public BenchSmtpServer Smtp { get; } = smtp;

    /// <summary>A Host on a fresh database of its own (its start-up applies the migrations and seeds the demo data), with the --set settings.</summary>
    public BenchHost CreateHost(string prefix, IDictionary<string, string?>? settings = null)
    {
        var database = Postgres.CreateDatabase(prefix);
        return CreateNode(Postgres.Cluster.ConnectionString(database), settings);
    }

    /// <summary>
    /// Another Host on the database of <paramref name="connectionString"/> (a second node): its own engine, pools and hosted
    /// services, sharing only the database. <paramref name="settings"/> as <see cref="CreateHost"/> takes them.
    /// </summary>
    public BenchHost CreateNode(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        foreach (var (key, value) in Options.Settings) all[key] = value; // --set wins over the scenario's own settings
        return new BenchHost(connectionString, RepositoryRoot, all);
    }

    /// <summary>SMTP settings pointing the Host at the benchmark's SMTP server.</summary>
    public Dictionary<string, string?> SmtpSettings() => new()
    {
        ["Workflows:Distribution:Transport"] = "Smtp",
        ["Workflows:Distribution:Smtp:Host"] = "127.0.0.1",
        ["Workflows:Distribution:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workflows:Distribution:Smtp:From"] = "vanthu@pgddt.uongbi.example.org",
    };

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss.fff}] {message}");
}
