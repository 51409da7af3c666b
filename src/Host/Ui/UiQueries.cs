using Dapper;
using Npgsql;
using Workflows.Definitions;
using Workflows.Issuance;
using Workflows.Kernel;

namespace Workflows.Host.Ui;

/// <summary>Read-only lookups the pages need beside the engine's services (definition of a plan's instance, next number, stored versions).</summary>
internal sealed class UiQueries(NpgsqlDataSource dataSource, WorkflowDefinitionCatalog catalog, TimeProvider clock)
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

    /// <summary>
    /// The number and symbol the clerk's next issuance would give a document of <paramref name="documentType"/> of
    /// <paramref name="bodyCode"/> today (Vietnam date): the body's counter for the year plus one (Nghị định 30/2020,
    /// Điều 15). Another issuance in between takes it first.
    /// </summary>
    public async Task<string> NextSymbolAsync(string bodyCode, string documentType, CancellationToken ct)
    {
        var year = VietnamTime.Today(clock).Year;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var last = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT last_number FROM issuance_counters WHERE body_code = @bodyCode AND year = @year", new { bodyCode, year }, cancellationToken: ct));
        return DocumentSymbol.Format((last ?? 0) + 1, documentType, bodyCode);
    }

    /// <summary>Every stored definition version: id, version, source file and when it was stored.</summary>
    public async Task<IReadOnlyList<(string Id, int Version, string? SourceFile)>> DefinitionVersionsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(string, int, string?)>(new CommandDefinition(
            "SELECT id, version, source_file FROM workflow_definitions ORDER BY id, version DESC", cancellationToken: ct))).AsList();
    }
}
