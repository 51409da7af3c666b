using Dapper;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.Issuance;

/// <summary>Read-only lookups of the outgoing numbering (table <c>issuance_counters</c>).</summary>
internal sealed class IssuanceQueries(NpgsqlDataSource dataSource, TimeProvider clock)
{
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
}
