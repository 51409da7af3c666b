using Npgsql;
using Workflows.Host.Startup;
using Workflows.Storage;

namespace Workflows.Host.Storage;

/// <summary>Wires PostgreSQL: the server named by <c>ConnectionStrings:Workflows</c>, or the embedded default.</summary>
internal static class StorageExtensions
{
    /// <summary>
    /// Registers the <see cref="NpgsqlDataSource"/>. With no connection string configured, prepares and starts a
    /// private cluster under the repository's data folder first (the embedded default) and marks the installation as
    /// embedded, which enables the demo accounts and directory. The embedded cluster takes only scram-sha-256 logins, with
    /// a generated password kept in <c>host.password</c> beside it, readable by the Host's user alone (see
    /// <see cref="LocalPostgresCluster.PasswordFile"/>). A cluster started here is stopped when the Host shuts
    /// down (<see cref="EmbeddedPostgresShutdown"/>); one that already ran is left running.
    /// </summary>
    public static WebApplicationBuilder AddWorkflowsStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Workflows");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            var directory = options.EmbeddedDataDirectory ?? Path.Combine(HostPaths.RepositoryRoot(builder.Environment.ContentRootPath), "data", "postgres");
            using var loggerFactory = LoggerFactory.Create(b => b.AddConsole());
            var port = LocalPostgresCluster.RunningPort(directory) ?? options.EmbeddedPort;
            var cluster = new LocalPostgresCluster(directory, port, loggerFactory.CreateLogger("EmbeddedPostgres"), withPassword: true);
            if (cluster.Start())
            {
                builder.Services.AddSingleton(cluster);
                builder.Services.AddHostedService<EmbeddedPostgresShutdown>();
            }
            cluster.EnsureDatabase("workflows");
            connectionString = cluster.ConnectionString("workflows");
            builder.Configuration["Workflows:Embedded"] = "true";
        }
        builder.Services.AddSingleton(_ => WorkflowsDataSource.Build(connectionString));
        builder.Configuration["ConnectionStrings:Workflows"] = connectionString;
        return builder;
    }
}
