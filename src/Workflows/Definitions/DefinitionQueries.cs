using Dapper;
using Npgsql;

namespace Workflows.Definitions;

/// <summary>Read-only lookups of the stored definition versions (table <c>workflow_definitions</c>).</summary>
internal sealed class DefinitionQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Every stored definition version, by id then newest version first: id, version and source file.</summary>
    public async Task<IReadOnlyList<(string Id, int Version, string? SourceFile)>> VersionsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(string, int, string?)>(new CommandDefinition(
            "SELECT id, version, source_file FROM workflow_definitions ORDER BY id, version DESC", cancellationToken: ct))).AsList();
    }
}
