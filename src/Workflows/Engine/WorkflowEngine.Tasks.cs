using Workflows.Audit;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Engine;

// Opening human tasks and moving them between people: the role's queue, claim and release, "chuyển xử lý", reassignment.
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Claims an open task of the role's queue for <paramref name="actor"/>: from then on only they may complete it, and the
    /// others of the role see it taken. Two people claiming one task at once: one conditional UPDATE wins, the other gets
    /// 409 naming the holder; no lock is held between requests. Someone who does not hold the role claims it only as the
    /// delegate of an absent holder (<see cref="ITaskDelegation"/>, decided now): they hold it on that person's behalf
    /// (<c>on_behalf_of</c>), audited as <c>task.delegated</c>.
    /// </summary>
    /// <exception cref="WorkflowException">No such task (404); not the body's, nor the role's or a delegate's (403); completed, or already
    /// held by someone (409).</exception>
    public async Task ClaimAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var task = await ReadTaskAsync(work, taskId, cancellationToken);
        var now = _clock.GetUtcNow();
        if (task.body_code != actor.BodyCode) throw WorkflowException.Forbidden("Bạn không có quyền nhận công việc này.");
        // A delegate claims the task for the absent person (on_behalf_of): the delegation, not the role, is the authority.
        var grant = actor.IsIn(task.role) ? null
            : await ActingForAsync(work, task.id, actor.UserName, now, cancellationToken) ?? throw WorkflowException.Forbidden("Bạn không có quyền nhận công việc này.");
        var claimed = await work.ExecuteAsync(
            "UPDATE human_tasks SET assignee = @user, claimed_at = @now, on_behalf_of = @onBehalfOf WHERE id = @taskId AND status = 'open' AND assignee IS NULL",
            new { user = actor.UserName, now, taskId, onBehalfOf = grant?.OnBehalfOf }, cancellationToken);
        if (claimed == 0)
        {
            var current = await ReadTaskAsync(work, taskId, cancellationToken);
            throw WorkflowException.Conflict(current.status != "open"
                ? "Công việc này đã được xử lý."
                : current.assignee == actor.UserName ? "Bạn đã nhận công việc này." : $"Công việc này đã do {current.assignee} nhận.");
        }
        work.Audit(now, actor.UserName, "task.claimed", task.plan_id, task.instance_id, taskId,
            new { step = task.step, branch = task.branch, assignee = actor.UserName, onBehalfOf = grant?.OnBehalfOf });
        ChangeAfterCommit(work, taskId, t => t with { assignee = actor.UserName, on_behalf_of = grant?.OnBehalfOf });
        if (grant is not null) RecordDelegated(work, task, actor, grant, now);
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Who may complete an open task: a holder of its role in the body when it is in the queue or theirs; the person a
    /// delegate held it for, once that delegation no longer reaches it (it ended or was cancelled: the task comes back);
    /// or a delegate the <see cref="ITaskDelegation"/> finds now (returned: the delegation acted through). Anyone else gets
    /// 403; a holder of the role asking about a task no longer open passes, for the caller's 409.
    /// </summary>
    private async Task<TaskDelegationGrant?> AuthoriseCompletionAsync(UnitOfWork work, TaskRow task, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.body_code != actor.BodyCode) throw WorkflowException.Forbidden("Bạn không có quyền xử lý công việc này.");
        var holder = actor.IsIn(task.role);
        if (holder && (task.assignee is null || task.assignee == actor.UserName || task.status != "open")) return null;
        if (task.status == "open" && _delegation is not null)
        {
            if (holder && task.on_behalf_of == actor.UserName && task.assignee is { } standIn
                && await ActingForAsync(work, task.id, standIn, now, cancellationToken) is null)
                return null;
            if (await ActingForAsync(work, task.id, actor.UserName, now, cancellationToken) is { } grant) return grant;
        }
        if (!holder) throw WorkflowException.Forbidden("Bạn không có quyền xử lý công việc này.");
        throw WorkflowException.Forbidden($"Công việc này do {task.assignee} xử lý; bạn không hoàn thành được.");
    }

    /// <summary>The delegation through which <paramref name="userName"/> acts on an open task at <paramref name="now"/> (its Vietnam date); null when none.</summary>
    private async Task<TaskDelegationGrant?> ActingForAsync(UnitOfWork work, Guid taskId, string userName, DateTimeOffset now, CancellationToken cancellationToken) =>
        _delegation is null ? null : await _delegation.ActingForAsync(work, taskId, userName, now, cancellationToken);

    /// <summary>Records that <paramref name="actor"/> acts on a task for an absent person (its <c>on_behalf_of</c>), audited as <c>task.delegated</c>.</summary>
    private void RecordDelegated(UnitOfWork work, TaskRow task, Actor actor, TaskDelegationGrant grant, DateTimeOffset now)
    {
        work.Queue("UPDATE human_tasks SET on_behalf_of = $1 WHERE id = $2 AND status = 'open'", grant.OnBehalfOf, task.id);
        ChangeAfterCommit(work, task.id, t => t with { on_behalf_of = grant.OnBehalfOf });
        work.Audit(now, actor.UserName, "task.delegated", task.plan_id, task.instance_id, task.id, new
        {
            step = task.step, branch = task.branch, delegationId = grant.DelegationId, onBehalfOf = grant.OnBehalfOf, onBehalfOfName = grant.OnBehalfOfName,
            assignee = actor.UserName, assigneeName = actor.FullName, startsOn = grant.StartsOn, endsOn = grant.EndsOn, reference = grant.Reference,
        });
    }

    /// <summary>Returns a task <paramref name="actor"/> holds to the role's queue (except the drafter's own revision task).</summary>
    /// <exception cref="WorkflowException">No such task (404); not held by the actor, or the drafter's task (403); completed (409).</exception>
    public async Task ReleaseAsync(Guid taskId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var task = await ReadTaskAsync(work, taskId, cancellationToken);
        var definition = await _catalog.GetAsync(task.definition_id, task.definition_version, cancellationToken);
        if (task.status != "open") throw WorkflowException.Conflict("Công việc này đã được xử lý.");
        if (task.assignee != actor.UserName) throw WorkflowException.Forbidden("Bạn không giữ công việc này.");
        if (task.step == definition.Start) throw WorkflowException.Forbidden("Việc chỉnh sửa kế hoạch thuộc chuyên viên soạn thảo, không trả về hàng chờ được.");
        var now = _clock.GetUtcNow();
        var released = await work.ExecuteAsync(
            "UPDATE human_tasks SET assignee = NULL, claimed_at = NULL, on_behalf_of = NULL WHERE id = @taskId AND status = 'open' AND assignee = @user",
            new { taskId, user = actor.UserName }, cancellationToken);
        if (released == 0) throw WorkflowException.Conflict("Công việc này vừa thay đổi; tải lại trang.");
        ChangeAfterCommit(work, taskId, t => t with { assignee = null, on_behalf_of = null });
        work.Audit(now, actor.UserName, "task.released", task.plan_id, task.instance_id, taskId, new { step = task.step, branch = task.branch });
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A supervisor (a role the definition names in <c>"supervisors"</c>) moves an open task to <paramref name="userName"/>,
    /// one of the task role's users of the body, or back to the role's queue (null). The new holder is told as of a new task
    /// (<see cref="ITaskOpenedHandler"/>, reason <see cref="TaskOpenReason.Reassigned"/>).
    /// </summary>
    /// <exception cref="WorkflowException">No such task (404); not a supervisor of the body (403); completed (409); a user
    /// who does not hold the role (422, field <c>userName</c>).</exception>
    public async Task ReassignAsync(Guid taskId, string? userName, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var (task, plan) = await LockTaskAsync(work, taskId, cancellationToken);
        if (task is null) throw WorkflowException.NotFound("Công việc");
        var definition = await _catalog.GetAsync(task.definition_id, task.definition_version, cancellationToken);
        if (task.body_code != actor.BodyCode || !definition.Supervisors.Any(actor.IsIn))
            throw WorkflowException.Forbidden("Chỉ người giám sát quy trình mới giao lại được công việc.");
        if (task.status != "open") throw WorkflowException.Conflict("Công việc này đã được xử lý.");
        var now = _clock.GetUtcNow();
        var target = string.IsNullOrWhiteSpace(userName) ? null : userName.Trim();
        if (target is not null) await CheckHolderAsync(task.body_code, task.role, target, "userName", cancellationToken);
        var transition = new Transition(work, plan, task.instance_id, definition, actor, now);
        await MoveTaskAsync(transition, task, task.role, new TaskAssignment(target, null), TaskOpenReason.Reassigned, cancellationToken);
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The people one may choose as the next holder, for each outcome of step <paramref name="stepId"/> (of version
    /// <paramref name="version"/> of <paramref name="definitionId"/>, in body <paramref name="bodyCode"/>) whose next step lets
    /// the previous actor choose ("chuyển xử lý"); outcomes leading elsewhere are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<WorkflowUserInfo>>> NextAssigneeChoicesAsync(
        string definitionId, int version, string stepId, string bodyCode, CancellationToken cancellationToken = default)
    {
        var definition = await _catalog.GetAsync(definitionId, version, cancellationToken);
        var result = new Dictionary<string, IReadOnlyList<WorkflowUserInfo>>(StringComparer.Ordinal);
        foreach (var outcome in definition.Step(stepId).Outcomes.Values)
        {
            var next = definition.Step(outcome.Next);
            if (next is { Kind: StepKind.HumanTask, Assignment: AssignmentMode.ChosenByPrevious })
                result[outcome.Name] = await _users.InRoleAsync(bodyCode, next.Role!, cancellationToken);
        }
        return result;
    }

    /// <summary>Opens the task of a human step: its holder (the drafter at the start step, the previous actor's choice, or the role's queue).</summary>
    private async Task OpenHumanStepAsync(Transition transition, StepDefinition step, string? statusOverride, CancellationToken cancellationToken)
    {
        var dueAt = DueAt(transition.Now, step.DueInWorkingDays);
        TaskAssignment proposed;
        if (step.Id == transition.Definition.Start) proposed = new TaskAssignment(transition.Plan.CreatedBy, null);
        else if (step.Assignment == AssignmentMode.ChosenByPrevious)
        {
            if (string.IsNullOrWhiteSpace(transition.NextAssignee))
            {
                var candidates = await _users.InRoleAsync(transition.Plan.BodyCode, step.Role!, cancellationToken);
                throw WorkflowException.Invalid("nextAssignee",
                    $"Chọn người xử lý bước '{step.Name}': {string.Join(", ", candidates.Select(c => $"{c.UserName} ({c.FullName})"))}.");
            }
            await CheckHolderAsync(transition.Plan.BodyCode, step.Role!, transition.NextAssignee.Trim(), "nextAssignee", cancellationToken);
            proposed = new TaskAssignment(transition.NextAssignee.Trim(), null);
        }
        else proposed = TaskAssignment.Queue;
        await OpenTaskAsync(transition, new TaskOpening(step.Id, step.Name, step.Role!, dueAt, proposed, null, null), cancellationToken);
        SetPlanStep(transition, step.Id, statusOverride ?? step.Status!, "running");
    }

    /// <summary>
    /// Writes one open task: asks the <see cref="ITaskAssigneeResolver"/>s who holds it, queues its row and its audit record,
    /// then tells the <see cref="ITaskOpenedHandler"/>s.
    /// </summary>
    private async Task<Guid> OpenTaskAsync(Transition transition, TaskOpening opening, CancellationToken cancellationToken)
    {
        var work = transition.Work;
        var taskId = Guid.NewGuid();
        var assignment = await ResolveAsync(transition, taskId, opening.Step, opening.Role, opening.Proposed, TaskOpenReason.Created, cancellationToken);
        work.Queue(
            """
            INSERT INTO human_tasks (id, instance_id, plan_id, body_code, step, role, revision, status, created_at, due_at, assignee, on_behalf_of, branch, activation)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13)
            """,
            taskId, transition.InstanceId, transition.Plan.Id, transition.Plan.BodyCode, opening.Step, opening.Role,
            transition.Plan.Revision, transition.Now, opening.DueAt, assignment.Assignee, assignment.OnBehalfOf, opening.Branch, opening.Activation);
        RememberAfterCommit(transition, new TaskRow(taskId, transition.InstanceId, transition.Plan.Id, transition.Plan.BodyCode, opening.Step, opening.Role,
            transition.Plan.Revision, "open", assignment.Assignee, transition.Definition.Id, transition.Definition.Version, opening.Branch, opening.Activation,
            transition.Now.UtcDateTime, opening.DueAt.UtcDateTime, assignment.OnBehalfOf));
        work.Audit(transition.Now, "system", "task.created", transition.Plan.Id, transition.InstanceId, taskId,
            new { step = opening.Step, role = opening.Role, dueAt = opening.DueAt, assignee = assignment.Assignee, onBehalfOf = assignment.OnBehalfOf, branch = opening.Branch });
        await TellOpenedAsync(transition, new OpenedTask(taskId, transition.InstanceId, transition.Plan.Id, transition.Plan.BodyCode,
            transition.Definition.Id, transition.Definition.Version, opening.Step, opening.Name, opening.Role, assignment, opening.Branch,
            TaskOpenReason.Created, transition.Now, opening.DueAt, transition.Now), cancellationToken);
        return taskId;
    }

    /// <summary>Gives an open task a new role and holder (reassignment, escalation), audited and told to the handlers.</summary>
    private async Task MoveTaskAsync(Transition transition, TaskRow task, string role, TaskAssignment proposed, TaskOpenReason reason, CancellationToken cancellationToken)
    {
        var assignment = await ResolveAsync(transition, task.id, task.step, role, proposed, reason, cancellationToken);
        transition.Work.Queue(
            "UPDATE human_tasks SET role = $1, assignee = $2, on_behalf_of = $3, claimed_at = NULL WHERE id = $4 AND status = 'open'",
            role, assignment.Assignee, assignment.OnBehalfOf, task.id);
        ChangeAfterCommit(transition.Work, task.id, t => t with { role = role, assignee = assignment.Assignee, on_behalf_of = assignment.OnBehalfOf });
        transition.Work.Audit(transition.Now, reason == TaskOpenReason.Escalated ? "system" : transition.Actor.UserName,
            reason == TaskOpenReason.Escalated ? "task.escalated" : "task.reassigned", task.plan_id, task.instance_id, task.id,
            new { step = task.step, branch = task.branch, fromRole = task.role, role, from = task.assignee, assignee = assignment.Assignee, onBehalfOf = assignment.OnBehalfOf });
        var step = transition.Definition.Steps.GetValueOrDefault(task.step);
        await TellOpenedAsync(transition, new OpenedTask(task.id, task.instance_id, task.plan_id, task.body_code, transition.Definition.Id,
            transition.Definition.Version, task.step, step?.Name ?? task.step, role, assignment, task.branch, reason,
            new DateTimeOffset(task.created_at, TimeSpan.Zero), new DateTimeOffset(task.due_at, TimeSpan.Zero), transition.Now), cancellationToken);
    }

    private async Task<TaskAssignment> ResolveAsync(Transition transition, Guid taskId, string step, string role, TaskAssignment proposed,
        TaskOpenReason reason, CancellationToken cancellationToken)
    {
        var request = new TaskAssignmentRequest(taskId, transition.InstanceId, transition.Plan.Id, transition.Plan.BodyCode, transition.Definition.Id,
            step, role, reason, transition.Now);
        var assignment = proposed;
        foreach (var resolver in _resolvers) assignment = await resolver.ResolveAsync(transition.Work, request, assignment, cancellationToken);
        return assignment;
    }

    private async Task TellOpenedAsync(Transition transition, OpenedTask opened, CancellationToken cancellationToken)
    {
        foreach (var handler in _openedHandlers) await handler.OnOpenedAsync(transition.Work, opened, cancellationToken);
    }

    /// <summary>Refuses a user who does not hold <paramref name="role"/> in <paramref name="bodyCode"/> (422 on <paramref name="field"/>, listing who does).</summary>
    private async Task CheckHolderAsync(string bodyCode, string role, string userName, string field, CancellationToken cancellationToken)
    {
        var candidates = await _users.InRoleAsync(bodyCode, role, cancellationToken);
        if (!candidates.Any(c => c.UserName == userName))
            throw WorkflowException.Invalid(field,
                $"'{userName}' không giữ vai trò {_roles.NameOf(role)} ở cơ quan này; chọn một trong: {string.Join(", ", candidates.Select(c => c.UserName))}.");
    }

    /// <summary>The name and outcomes a task of <paramref name="step"/> shows (a parallel step's branch: its own name and agree/return).</summary>
    private static (string Name, IReadOnlyList<string> Outcomes) TaskShape(StepDefinition step, string? branch) =>
        branch is null ? (step.Name, [.. step.Outcomes.Keys])
        : (step.Branches.FirstOrDefault(b => b.Id == branch)?.Name ?? branch, [ParallelJoin.Agree, ParallelJoin.Return]);

    private DateTimeOffset DueAt(DateTimeOffset now, int workingDays) =>
        VietnamTime.EndOfDay(_calendar.AddWorkingDays(VietnamTime.ToVietnamDate(now), workingDays));

    /// <summary>Reads a task (404 when there is none) without locking it.</summary>
    private static async Task<TaskRow> ReadTaskAsync(UnitOfWork work, Guid taskId, CancellationToken cancellationToken) =>
        await work.QuerySingleOrDefaultAsync<TaskRow>("SELECT " + TaskColumns + TaskFrom + " WHERE t.id = @taskId", new { taskId }, cancellationToken)
        ?? throw WorkflowException.NotFound("Công việc");

    /// <summary>One task to open: its step, name, role, due instant, proposed holder, and branch of a parallel step.</summary>
    private sealed record TaskOpening(string Step, string Name, string Role, DateTimeOffset DueAt, TaskAssignment Proposed, string? Branch, Guid? Activation);
}
