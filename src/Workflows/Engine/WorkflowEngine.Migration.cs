using Workflows.Audit;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Engine;

// Instance migration: running instances of one version moved to a newer version of the same definition.
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Moves every running instance of version <paramref name="fromVersion"/> of <paramref name="definitionId"/> (in the
    /// Admin's body) to <paramref name="toVersion"/>, when the step it waits at exists in the newer version with the same kind
    /// (and, for a parallel step, the same branches): finished steps are not run again, its open tasks stay and take the
    /// newer step's role. Otherwise the instance is refused, with the reason, and keeps its version. One transaction; each
    /// instance gets an audit record (<c>instance.migrated</c> or <c>instance.migration-refused</c>).
    /// </summary>
    /// <returns>One result per running instance of the older version, by start.</returns>
    /// <exception cref="WorkflowException">Not an Admin (403); a target version that is not newer or not stored (422, field <c>toVersion</c>).</exception>
    public async Task<IReadOnlyList<MigrationResult>> MigrateAsync(string definitionId, int fromVersion, int toVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsIn(Roles.Admin)) throw WorkflowException.Forbidden("Chỉ quản trị mới chuyển phiên bản quy trình.");
        if (toVersion <= fromVersion) throw WorkflowException.Invalid("toVersion", $"Phiên bản đích phải mới hơn phiên bản {fromVersion}.");
        WorkflowDefinition target;
        try
        {
            target = await _catalog.GetAsync(definitionId, toVersion, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            throw WorkflowException.Invalid("toVersion", $"Quy trình '{definitionId}' không có phiên bản {toVersion}.");
        }
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var instances = await work.QueryAsync<(Guid Id, Guid PlanId, string Step)>(
            """
            SELECT i.id, i.plan_id, i.current_step FROM workflow_instances i JOIN plans p ON p.id = i.plan_id
            WHERE i.definition_id = @definitionId AND i.definition_version = @fromVersion AND i.status = 'running' AND p.body_code = @BodyCode
            ORDER BY i.started_at FOR UPDATE OF i
            """, new { definitionId, fromVersion, actor.BodyCode }, cancellationToken);
        var now = _clock.GetUtcNow();
        var source = instances.Count > 0 ? await _catalog.GetAsync(definitionId, fromVersion, cancellationToken) : null;
        var results = new List<MigrationResult>();
        foreach (var (id, planId, stepId) in instances)
        {
            var reason = Refusal(source!.Step(stepId), target.Steps.GetValueOrDefault(stepId), toVersion);
            if (reason is null)
            {
                var step = target.Step(stepId);
                work.Queue("UPDATE workflow_instances SET definition_version = $1 WHERE id = $2", toVersion, id);
                if (step.Kind == StepKind.HumanTask)
                    work.Queue("UPDATE human_tasks SET role = $1 WHERE instance_id = $2 AND status = 'open'", step.Role, id);
                work.Audit(now, actor.UserName, "instance.migrated", planId, id, null, new { definitionId, from = fromVersion, to = toVersion, step = stepId });
            }
            else
            {
                work.Audit(now, actor.UserName, "instance.migration-refused", planId, id, null, new { definitionId, from = fromVersion, to = toVersion, step = stepId, reason });
            }
            results.Add(new MigrationResult(id, planId, stepId, reason is null, reason));
        }
        await work.CommitAsync(cancellationToken);
        return results;
    }

    private static string? Refusal(StepDefinition current, StepDefinition? next, int toVersion) =>
        next is null ? $"Bước '{current.Id}' ({current.Name}) không còn trong phiên bản {toVersion}."
        : next.Kind != current.Kind ? $"Bước '{current.Id}' đổi loại trong phiên bản {toVersion}."
        : current.Kind == StepKind.Parallel && !current.Branches.Select(b => b.Id).Order().SequenceEqual(next.Branches.Select(b => b.Id).Order())
            ? $"Các nhánh của bước '{current.Id}' khác trong phiên bản {toVersion}."
        : null;
}
