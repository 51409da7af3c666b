using Npgsql;

namespace Workflows.Storage;

/// <summary>Builds the <see cref="NpgsqlDataSource"/> the Host uses.</summary>
public static class WorkflowsDataSource
{
    /// <summary>Statements Npgsql keeps prepared per connection unless the connection string sets <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// A data source for <paramref name="connectionString"/>. Unless the connection string says otherwise, Npgsql
    /// prepares the statements a connection runs repeatedly (<c>Max Auto Prepare=64</c>): PostgreSQL then skips
    /// parsing and planning them, which halves its CPU time per task completion (see the README's performance section).
    /// </summary>
    public static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.Build();
    }
}
