using Dapper;
using Npgsql;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Plans;

/// <summary>
/// The plan-level access rule every use case on a plan applies before anything else: the plan exists (else 404) and
/// belongs to the actor's issuing body (else 403). Use cases that touch a plan's deliveries, recipients or schedules
/// check it themselves through this, so no adapter has to look the plan up first.
/// </summary>
internal static class PlanAccess
{
    /// <summary>The plan <paramref name="planId"/>, read on <paramref name="connection"/> outside any transaction.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public static async Task<PlanRecord> RequireAsync(NpgsqlConnection connection, Guid planId, Actor actor, CancellationToken ct) =>
        Check(await connection.QuerySingleOrDefaultAsync<PlanRecord>(new CommandDefinition(
            PlanQueries.SelectById, new { id = planId }, cancellationToken: ct)), actor);

    /// <summary>The plan <paramref name="planId"/>, read (locked when <paramref name="forUpdate"/>) inside <paramref name="work"/>.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public static async Task<PlanRecord> RequireAsync(UnitOfWork work, Guid planId, Actor actor, CancellationToken ct, bool forUpdate = false) =>
        Check(await work.QuerySingleOrDefaultAsync<PlanRecord>(PlanQueries.SelectById + (forUpdate ? " FOR UPDATE" : ""), new { id = planId }, ct), actor);

    private static PlanRecord Check(PlanRecord? plan, Actor actor) =>
        plan is null ? throw WorkflowException.NotFound("Kế hoạch")
        : plan.BodyCode == actor.BodyCode ? plan
        : throw WorkflowException.Forbidden("Kế hoạch thuộc cơ quan khác.");
}
