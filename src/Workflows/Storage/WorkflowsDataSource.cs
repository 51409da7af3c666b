using Npgsql;

namespace Workflows.Storage;

/// <summary>
/// Builds the <see cref="NpgsqlDataSource"/> the Host uses, and opens the few connections that keep state in their
/// PostgreSQL session (<see cref="OpenSessionAsync"/>).
/// </summary>
public static class WorkflowsDataSource
{
    /// <summary>Statements Npgsql keeps prepared per connection unless the connection string sets <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// A data source for <paramref name="connectionString"/>. Unless the connection string says otherwise:
    /// <list type="bullet">
    /// <item>Npgsql prepares the statements a connection runs repeatedly (<c>Max Auto Prepare=64</c>): PostgreSQL then
    /// skips parsing and planning them, which halves its CPU time per task completion;</item>
    /// <item>a connection goes back to the pool without Npgsql's session reset (<c>No Reset On Close=true</c>): the reset
    /// is seven statements (<c>RESET ALL</c>, <c>UNLISTEN *</c>, <c>pg_advisory_unlock_all()</c>, <c>DISCARD TEMP</c>…)
    /// sent with the connection's next command, about a tenth of a task completion's time with one user. An open
    /// transaction is still rolled back on return. In exchange no pooled connection may keep session state: <c>LISTEN</c>,
    /// session-level advisory locks and <c>SET</c> belong on <see cref="OpenSessionAsync"/>'s connections, never on
    /// pooled ones (transaction-level locks and <c>SET LOCAL</c> are fine).</item>
    /// </list>
    /// See the README's performance section for the figures.
    /// </summary>
    public static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.Build();
    }

    /// <summary>
    /// Opens a connection of its own (outside the pool, with <paramref name="dataSource"/>'s server, credentials and
    /// settings) for work that keeps state in its session: a <c>LISTEN</c>, a session-level advisory lock. Disposing it
    /// closes the session, and PostgreSQL drops the listener and releases the locks with it; nothing is left on a pooled
    /// connection for the next user.
    /// </summary>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public static async Task<NpgsqlConnection> OpenSessionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var template = dataSource.CreateConnection();
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Pooling = false };
        var connection = template.CloneWith(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
