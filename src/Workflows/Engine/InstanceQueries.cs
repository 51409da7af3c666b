using Dapper;
using Npgsql;
using Workflows.Definitions;

namespace Workflows.Engine;

/// <summary>Read-only lookups of workflow instances for the pages (table <c>workflow_instances</c>).</summary>
internal sealed class InstanceQueries(NpgsqlDataSource dataSource, WorkflowDefinitionCatalog catalog)
{
    /// <summary>The definition version the plan's latest workflow instance runs, or null before its first submission.</summary>
    public async Task<WorkflowDefinition?> DefinitionOfPlanAsync(Guid planId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, int Version)?>(new CommandDefinition(
            "SELECT definition_id, definition_version FROM workflow_instances WHERE plan_id = @planId ORDER BY started_at DESC LIMIT 1",
            new { planId }, cancellationToken: ct));
        return row is { } r ? await catalog.GetAsync(r.Id, r.Version, ct) : null;
    }
}
