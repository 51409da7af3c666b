using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// Plans made ready for a completion run: created and submitted through <see cref="PlanStore"/> and
/// <see cref="WorkflowEngine"/> (8 at a time), then the open human tasks they wait at. Shared by the <c>approval</c> and
/// <c>parallel</c> scenarios.
/// </summary>
internal static class SubmittedPlans
{
    /// <summary>
    /// Creates <paramref name="count"/> plans titled "<paramref name="subject"/> {i}" by <paramref name="drafter"/>, submits
    /// each to <paramref name="definitionId"/> (<c>null</c>: the definition the engine chooses), and returns the plans and
    /// the ids of their open tasks at <paramref name="step"/>.
    /// </summary>
    public static async Task<(IReadOnlyList<Guid> Plans, IReadOnlyList<Guid> Tasks)> PrepareAsync(PlanStore store, WorkflowEngine engine,
        NpgsqlDataSource dataSource, Actor drafter, int count, string subject, string? definitionId, string step,
        CancellationToken cancellationToken)
    {
        var plans = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var id = await store.CreateAsync(new NewPlan($"{subject} {i}", "KH", PlanFields.Empty, null, null, null), drafter, ct);
                await engine.SubmitAsync(id, definitionId, drafter, ct);
                plans.Add(id);
            });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var tasks = await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM human_tasks WHERE plan_id = ANY(@ids) AND status = 'open' AND step = @step",
            new { ids = plans.ToArray(), step }, cancellationToken: cancellationToken));
        return ([.. plans], tasks.AsList());
    }
}
