using Dapper;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.Plans;

/// <summary>
/// The plan-level access rule every use case on a plan applies before anything else: the plan exists (else 404) and
/// belongs to the actor's issuing body (else 403). Use cases that touch a plan's deliveries, recipients or schedules
/// check it themselves through this, so no adapter has to look the plan up first.
/// </summary>
internal static class PlanAccess
{
    /// <summary>The plan <paramref name="planId"/>, read on <paramref name="connection"/> (inside <paramref name="transaction"/> when given, locked when <paramref name="forUpdate"/>).</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public static async Task<PlanRecord> RequireAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid planId, Actor actor,
        CancellationToken ct, bool forUpdate = false)
    {
        var plan = await connection.QuerySingleOrDefaultAsync<PlanRecord>(new CommandDefinition(
            PlanQueries.SelectById + (forUpdate ? " FOR UPDATE" : ""), new { id = planId }, transaction, cancellationToken: ct))
            ?? throw WorkflowException.NotFound("Kế hoạch");
        return plan.BodyCode == actor.BodyCode ? plan : throw WorkflowException.Forbidden("Kế hoạch thuộc cơ quan khác.");
    }
}
