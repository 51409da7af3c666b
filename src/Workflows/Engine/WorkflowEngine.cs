using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// Runs workflow instances over plans: starts them, completes human tasks, runs automatic actions, and records every
/// transition with its audit record in one PostgreSQL transaction. Concurrent completions of one task are serialised
/// by a row lock: the first wins, the others get a conflict.
/// </summary>
public sealed partial class WorkflowEngine
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly WorkflowDefinitionCatalog _catalog;
    private readonly IReadOnlyDictionary<string, IStepAction> _actions;
    private readonly IWorkflowSubjects _subjects;
    private readonly IWorkingCalendar _calendar;
    private readonly OrganisationOptions _organisation;
    private readonly TimeProvider _clock;
    private readonly Telemetry.WorkflowsMetrics _metrics;
    private readonly ILogger<WorkflowEngine> _logger;
    private readonly IReadOnlyList<ITaskAssigneeResolver> _resolvers;
    private readonly IReadOnlyList<ITaskOpenedHandler> _openedHandlers;
    private readonly IWorkflowUsers _users;
    private readonly RoleCatalog _roles;
    private readonly ITaskMail _mail;
    private readonly IReadOnlyList<ISigningAuthorisations> _signingAuthorisations;
    private readonly ITaskDelegation? _delegation;
    private readonly string _inboxColumns;
    private readonly string _inboxWhere;

    /// <summary>Creates the engine.</summary>
    public WorkflowEngine(
        NpgsqlDataSource dataSource,
        WorkflowDefinitionCatalog catalog,
        IEnumerable<IStepAction> actions,
        IWorkflowSubjects subjects,
        IWorkingCalendar calendar,
        Microsoft.Extensions.Options.IOptions<OrganisationOptions> organisation,
        TimeProvider clock,
        Telemetry.WorkflowsMetrics metrics,
        ILogger<WorkflowEngine> logger,
        IWorkflowUsers users,
        IEnumerable<ITaskAssigneeResolver> resolvers,
        IEnumerable<ITaskOpenedHandler> openedHandlers,
        RoleCatalog roles,
        ITaskMail mail,
        IEnumerable<ISigningAuthorisations> signingAuthorisations,
        IEnumerable<ITaskDelegation> delegation)
    {
        _delegation = delegation.FirstOrDefault();
        _inboxColumns = InboxColumns + $", {_delegation?.GrantSql ?? "NULL::text"} AS acting_through";
        _inboxWhere = Visible(_delegation);
        _signingAuthorisations = [.. signingAuthorisations];
        _mail = mail;
        _users = users;
        _roles = roles;
        _resolvers = [.. resolvers];
        _openedHandlers = [.. openedHandlers];
        _metrics = metrics;
        _dataSource = dataSource;
        _catalog = catalog;
        _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
        _subjects = subjects;
        _calendar = calendar;
        _organisation = organisation.Value;
        _clock = clock;
        _logger = logger;
        _taskWithSubjectSql = $"SELECT {TaskColumns}, {_subjects.Columns}{TaskFrom} {_subjects.JoinFromTask}";
        _snapshotCheckSql = SnapshotCheckSql();
    }

    /// <summary>
    /// Submits a draft or returned plan: starts an instance of <paramref name="definitionId"/> (latest version) or,
    /// when the plan was returned, completes its drafter's revision task; either way a new revision round begins.
    /// </summary>
    /// <returns>The workflow instance id.</returns>
    /// <exception cref="WorkflowException">No such plan (404); not the plan's drafter or another body (403);
    /// the plan is not draft or returned (409); unknown definition (422).</exception>
    public Task<Guid> SubmitAsync(Guid planId, string? definitionId, Actor actor, CancellationToken cancellationToken = default) =>
        SubmitAsync(planId, definitionId, null, actor, cancellationToken);

    /// <summary>
    /// Submits a draft or returned plan as <see cref="SubmitAsync(Guid, string?, Actor, CancellationToken)"/> does, naming the
    /// person who gets the next task when its step lets the previous actor choose ("chuyển xử lý").
    /// </summary>
    /// <param name="planId">The plan.</param>
    /// <param name="definitionId">The definition to start; null: the one the configured rule gives the plan.</param>
    /// <param name="nextAssignee">User name of the next task's holder, one of the role's users; null: the role's queue.</param>
    /// <param name="actor">The drafter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The workflow instance id.</returns>
    /// <exception cref="WorkflowException">As the other overload; also a next assignee who does not hold the next step's
    /// role in the body, or none where the next step needs one (422, field <c>nextAssignee</c>).</exception>
    public async Task<Guid> SubmitAsync(Guid planId, string? definitionId, string? nextAssignee, Actor actor, CancellationToken cancellationToken = default)
    {
        using var logScope = _logger.BeginScope(Telemetry.LogScope.Plan(planId));
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var plan = await _subjects.LockAsync(work, planId, cancellationToken) ?? throw WorkflowException.NotFound("Kế hoạch");
        if (plan.BodyCode != actor.BodyCode) throw WorkflowException.Forbidden("Kế hoạch thuộc cơ quan khác.");
        if (!actor.IsIn(Roles.Drafter) || plan.CreatedBy != actor.UserName)
            throw WorkflowException.Forbidden("Chỉ chuyên viên soạn thảo kế hoạch này mới trình được.");
        var now = _clock.GetUtcNow();
        Guid instanceId;
        if (plan.Status == WorkflowSubject.Draft)
        {
            var facts = await _subjects.FactsAsync(work, planId, cancellationToken);
            var allowed = _catalog.AllowedFor(plan.BodyCode, facts.DocumentType);
            var chosen = definitionId ?? allowed switch
            {
                null => "plan-approval",
                [var only] => only,
                _ => throw WorkflowException.Invalid("definitionId", $"Chọn quy trình trình ký: {string.Join(", ", allowed)}."),
            };
            if (allowed is not null && !allowed.Contains(chosen))
                throw WorkflowException.Invalid("definitionId", $"Kế hoạch của cơ quan này không dùng quy trình '{chosen}'; chọn một trong: {string.Join(", ", allowed)}.");
            var definition = _catalog.Latest(chosen);
            instanceId = Guid.NewGuid();
            work.Queue(
                """
                INSERT INTO workflow_instances (id, definition_id, definition_version, plan_id, status, current_step, started_by, started_at)
                VALUES ($1, $2, $3, $4, 'running', $5, $6, $7)
                """,
                instanceId, definition.Id, definition.Version, planId, definition.Start, actor.UserName, now);
            work.Audit(now, actor.UserName, "instance.started", planId, instanceId, null,
                new { definitionId = definition.Id, definitionVersion = definition.Version });
            var start = definition.Step(definition.Start);
            var transition = new Transition(work, plan with { Revision = plan.Revision + 1 }, instanceId, definition, actor, now) { NextAssignee = nextAssignee };
            SetRevision(transition);
            if (start.Kind == StepKind.HumanTask)
            {
                var submit = SubmitOutcome(start);
                work.Audit(now, actor.UserName, "plan.submitted", planId, instanceId, null, new { step = start.Id, outcome = submit.Name, revision = transition.Plan.Revision });
                await EnterAsync(transition, submit.Next, submit.Status, cancellationToken);
            }
            else
            {
                work.Audit(now, actor.UserName, "plan.submitted", planId, instanceId, null, new { revision = transition.Plan.Revision });
                await EnterAsync(transition, start.Id, null, cancellationToken);
            }
        }
        else if (plan.Status == WorkflowSubject.Returned)
        {
            var task = await work.QuerySingleOrDefaultAsync<TaskRow>(
                "SELECT " + TaskColumns + TaskFrom + " WHERE t.plan_id = @planId AND t.status = 'open' FOR UPDATE OF t", new { planId }, cancellationToken)
                ?? throw WorkflowException.Conflict("Kế hoạch không có bước chờ chỉnh sửa.");
            instanceId = task.instance_id;
            await CompleteLockedAsync(work, plan, task, new TaskCompletion(null, null, null, nextAssignee), actor, now, resubmission: true, cancellationToken);
        }
        else
        {
            throw WorkflowException.Conflict($"Kế hoạch đang ở trạng thái '{plan.Status}', không trình được.");
        }
        await work.CommitAsync(cancellationToken);
        _logger.LogInformation("Plan {PlanId} submitted by {User}, instance {InstanceId}", planId, actor.UserName, instanceId);
        return instanceId;
    }

    /// <summary>
    /// Completes an open human task with <paramref name="outcome"/>: records it, then moves the instance through the
    /// following steps (running automatic actions) until the next human task or an end step, all in one transaction.
    /// </summary>
    /// <param name="taskId">The task.</param>
    /// <param name="outcome">One of the step's outcomes, e.g. <c>approve</c>, <c>return</c>, <c>reject</c>.</param>
    /// <param name="comment">Comment; required by outcomes such as <c>return</c>.</param>
    /// <param name="signingForm">On a signing step: <c>direct</c>, <c>KT.</c>, <c>TM.</c>, <c>TL.</c>, <c>TUQ.</c> or <c>Q.</c>.</param>
    /// <param name="actor">Who completes it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="WorkflowException">No such task (404); wrong role, body or assignee (403); already completed
    /// (409); unknown outcome, missing comment or bad signing form (422); or an action refused the transition.</exception>
    public Task CompleteAsync(Guid taskId, string outcome, string? comment, string? signingForm, Actor actor, CancellationToken cancellationToken = default) =>
        CompleteAsync(taskId, new TaskCompletion(outcome, comment, signingForm, null), actor, cancellationToken);

    /// <summary>
    /// Reads and locks a task and its plan in one round trip (<c>FOR UPDATE</c> of both: a concurrent completion, claim or
    /// timer waits here, then sees the task's new state). Both are null (the default pair) when there is no such task.
    /// </summary>
    private async Task<(TaskRow Task, WorkflowSubject Plan)> LockTaskAsync(UnitOfWork work, Guid taskId, CancellationToken cancellationToken)
    {
        var rows = await work.QueryAsync<TaskRow, WorkflowSubject, (TaskRow Task, WorkflowSubject Plan)>(
            $"{_taskWithSubjectSql} WHERE t.id = @taskId FOR UPDATE OF t, {_subjects.Alias}",
            (t, p) => (t, p), new { taskId }, splitOn: "id", cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Completes an open human task as <see cref="CompleteAsync(Guid, string, string?, string?, Actor, CancellationToken)"/>
    /// does; <see cref="TaskCompletion.NextAssignee"/> names the next task's holder where its step lets the previous actor
    /// choose ("chuyển xử lý").
    /// </summary>
    /// <remarks>Who may complete it: a holder of the task's role when it is in the queue or theirs, or a delegate acting for
    /// an absent person (<see cref="ITaskDelegation"/>, decided at this instant: a delegation that started after the task
    /// arrived reaches it, one that has ended no longer does, and the task is then its absent holder's again). A delegate's
    /// completion records the absent person (<c>on_behalf_of</c>, audit <c>task.delegated</c>) and signs with the form
    /// <see cref="SigningPolicy"/> gives the delegate ("TUQ.", or "KT." for the deputy).</remarks>
    /// <exception cref="WorkflowException">As the other overload; also a task someone else has claimed (403), and a bad
    /// next assignee (422, field <c>nextAssignee</c>).</exception>
    public Task CompleteAsync(Guid taskId, TaskCompletion completion, Actor actor, CancellationToken cancellationToken = default) =>
        CompleteFromSnapshotOrReadAsync(taskId, completion, actor, cancellationToken);

    /// <summary>
    /// Completes a task decided from <paramref name="snapshot"/>, the engine's copy of the task and its plan, whose lock is
    /// queued as a check of the copy (the whole completion then takes one round trip), or, without a copy, from the rows
    /// read and locked first (two round trips).
    /// </summary>
    private async Task CompleteAsync(Guid taskId, TaskCompletion completion, Actor actor, TaskSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var outcome = completion.Outcome ?? "";
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        // The task and its plan are locked first (a concurrent completion waits there, then sees the task completed: one
        // winner, the others get 409): read in a round trip of their own, or checked against the copy in the writes' one.
        TaskRow? task;
        WorkflowSubject plan;
        if (snapshot is null) (task, plan) = await LockTaskAsync(work, taskId, cancellationToken);
        else
        {
            LockAsRemembered(work, snapshot);
            (task, plan) = (snapshot.Task, snapshot.Plan);
        }
        if (task is null) throw WorkflowException.NotFound("Công việc");
        using var logScope = _logger.BeginScope(Telemetry.LogScope.Plan(task.plan_id, task.instance_id, taskId));
        var now = _clock.GetUtcNow();
        var grant = await AuthoriseCompletionAsync(work, task, actor, now, cancellationToken);
        if (task.status != "open") throw WorkflowException.Conflict("Công việc này đã được xử lý.");
        if (plan.BodyCode != actor.BodyCode) throw WorkflowException.Forbidden("Kế hoạch thuộc cơ quan khác.");
        if (grant is not null && task.on_behalf_of != grant.OnBehalfOf) RecordDelegated(work, task, actor, grant, now);
        await CompleteLockedAsync(work, plan, task, completion, actor, now, resubmission: false, cancellationToken);
        await work.CommitAsync(cancellationToken);
        _metrics.TaskCompleted(outcome, fromCopy: snapshot is not null);
        _logger.LogInformation("Task {TaskId} ({Step}) of plan {PlanId} completed with {Outcome} by {User}",
            taskId, task.step, task.plan_id, outcome, actor.UserName);
    }

    /// <summary>
    /// The open tasks of <paramref name="actor"/>'s roles in their body: held by them, in the role's queue, or claimed by
    /// someone else (shown taken: <see cref="HumanTaskView.Assignee"/> names the holder); oldest due first. A signing task lists
    /// the forms <see cref="SigningPolicy"/> gives the actor, as far as the role's forms allow (<see cref="RoleCatalog"/>).
    /// </summary>
    public async Task<IReadOnlyList<HumanTaskView>> OpenTasksAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxRow>(new CommandDefinition(
            $"SELECT {_inboxColumns} FROM {InboxFrom} WHERE {_inboxWhere} ORDER BY t.due_at, t.created_at",
            new { actor.BodyCode, roles = actor.Roles.ToArray(), actor.UserName, today = VietnamTime.ToVietnamDate(_clock.GetUtcNow()), now = _clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return await ViewsAsync(actor, rows, cancellationToken);
    }

    private async Task CompleteLockedAsync(UnitOfWork work, WorkflowSubject plan, TaskRow task, TaskCompletion completion, Actor actor,
        DateTimeOffset now, bool resubmission, CancellationToken cancellationToken)
    {
        var (outcomeName, comment, signingForm, nextAssignee) = completion;
        _snapshots.Forget(task.id);
        var definition = await _catalog.GetAsync(task.definition_id, task.definition_version, cancellationToken);
        var step = definition.Step(task.step);
        if (task.branch is not null && !resubmission)
        {
            await CompleteBranchAsync(new Transition(work, plan, task.instance_id, definition, actor, now) { NextAssignee = completion.NextAssignee },
                step, task, completion, cancellationToken);
            return;
        }
        OutcomeDefinition outcome;
        if (resubmission)
        {
            outcome = SubmitOutcome(step);
            plan = plan with { Revision = plan.Revision + 1 };
        }
        else
        {
            if (string.IsNullOrWhiteSpace(outcomeName) || !step.Outcomes.TryGetValue(outcomeName, out outcome!))
                throw WorkflowException.Invalid("outcome", $"Kết quả '{outcomeName}' không hợp lệ ở bước này; chọn một trong: {string.Join(", ", step.Outcomes.Keys)}.");
            if (outcome.RequiresComment && string.IsNullOrWhiteSpace(comment))
                throw WorkflowException.Invalid("comment", $"Cần ghi ý kiến khi {outcome.Label.ToLowerInvariant()}.");
        }
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

        Signature? signature = null;
        if (step.Signing && outcome.Name == step.Outcomes.Keys.First())
        {
            signature = SigningPolicy.Sign(_organisation.Body(plan.BodyCode), signingForm, actor, now,
                await GrantedAsync(actor, definition.Id, now, cancellationToken));
            var roleForms = _roles.SigningFormsOf(task.role);
            if (!roleForms.Contains(signature.Form ?? "direct"))
                throw WorkflowException.Invalid("signingForm", roleForms.Count == 0
                    ? $"Vai trò {_roles.NameOf(task.role)} không ký văn bản."
                    : $"Vai trò {_roles.NameOf(task.role)} chỉ ký theo: {string.Join(", ", roleForms)}.");
            _subjects.Sign(work, plan.Id, signature);
        }

        work.Queue(
            "UPDATE human_tasks SET status = 'completed', completed_at = $1, completed_by = $2, outcome = $3, comment = $4 WHERE id = $5",
            now, actor.UserName, outcome.Name, comment, task.id);
        work.Audit(now, actor.UserName, resubmission ? "plan.resubmitted" : "task.completed", plan.Id, task.instance_id, task.id,
            new { step = step.Id, outcome = outcome.Name, comment, revision = plan.Revision, signature });
        var transition = new Transition(work, plan, task.instance_id, definition, actor, now) { NextAssignee = nextAssignee };
        if (resubmission) SetRevision(transition);
        await EnterAsync(transition, outcome.Next, outcome.Status, cancellationToken);
    }

    private async Task EnterAsync(Transition transition, string stepId, string? statusOverride, CancellationToken cancellationToken)
    {
        var work = transition.Work;
        while (true)
        {
            var step = transition.Definition.Step(stepId);
            switch (step.Kind)
            {
                case StepKind.HumanTask:
                    await OpenHumanStepAsync(transition, step, statusOverride, cancellationToken);
                    return;
                case StepKind.Action:
                {
                    var action = _actions[step.Action!];
                    // The action reads what it needs through the unit of work, which sends the writes queued so far first.
                    await action.ExecuteAsync(new StepActionContext(work, transition.Plan, transition.InstanceId, transition.Actor, transition.Now), cancellationToken);
                    work.Queue("UPDATE workflow_instances SET current_step = $1 WHERE id = $2", stepId, transition.InstanceId);
                    stepId = step.Next!;
                    statusOverride = null;
                    continue;
                }
                case StepKind.Parallel:
                    await OpenParallelAsync(transition, step, statusOverride, cancellationToken);
                    return;
                case StepKind.Decision:
                    stepId = await DecideAsync(transition, step, cancellationToken);
                    continue;
                default:
                    SetPlanStep(transition, null, step.Status!, "completed");
                    work.Audit(transition.Now, "system", "instance.completed", transition.Plan.Id, transition.InstanceId, null,
                        new { step = stepId, status = step.Status });
                    return;
            }
        }
    }

    private void SetPlanStep(Transition transition, string? stepId, string status, string instanceStatus)
    {
        _subjects.EnterStep(transition.Work, transition.Plan.Id, status, stepId, transition.Now);
        transition.SubjectStatus = status;
        transition.Work.Queue(
            "UPDATE workflow_instances SET status = $1, current_step = coalesce($2, current_step), completed_at = $3 WHERE id = $4",
            instanceStatus, stepId, instanceStatus == "completed" ? transition.Now : null, transition.InstanceId);
    }

    private void SetRevision(Transition transition) => _subjects.SetRevision(transition.Work, transition.Plan.Id, transition.Plan.Revision);

    /// <summary>The "TUQ." authorisations the registered sources give <paramref name="actor"/> today for a plan of <paramref name="definitionId"/>.</summary>
    private async Task<IReadOnlyList<SigningAuthorisation>> GrantedAsync(Actor actor, string definitionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var granted = new List<SigningAuthorisation>();
        foreach (var source in _signingAuthorisations)
            granted.AddRange(await source.ForAsync(actor, definitionId, VietnamTime.ToVietnamDate(now), cancellationToken));
        return granted;
    }

    private static OutcomeDefinition SubmitOutcome(StepDefinition start) =>
        start.Outcomes.TryGetValue("submit", out var submit) ? submit : start.Outcomes.Values.First();

    private const string TaskColumns =
        "t.id, t.instance_id, t.plan_id, t.body_code, t.step, t.role, t.revision, t.status, t.assignee, i.definition_id, i.definition_version, t.branch, t.activation, t.created_at, t.due_at, t.on_behalf_of";

    /// <summary>The number of <see cref="TaskColumns"/>, the members of <see cref="TaskRow"/>.</summary>
    private static readonly int TaskColumnCount = TaskColumns.Split(',').Length;

    private const string TaskFrom = " FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id";

    /// <summary>One transition's context; its unit of work holds its writes until they are sent together.</summary>
    private sealed record Transition(UnitOfWork Work, WorkflowSubject Plan, Guid InstanceId, WorkflowDefinition Definition, Actor Actor, DateTimeOffset Now)
    {
        /// <summary>The next task's holder as the previous actor chose it ("chuyển xử lý"); null: none chosen.</summary>
        public string? NextAssignee { get; init; }

        /// <summary>The subject's status as this transition leaves it (its last <see cref="SetPlanStep"/>).</summary>
        public string SubjectStatus { get; set; } = Plan.Status;
    }

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed record TaskRow(Guid id, Guid instance_id, Guid plan_id, string body_code, string step, string role,
        int revision, string status, string? assignee, string definition_id, int definition_version, string? branch, Guid? activation,
        DateTime created_at, DateTime due_at, string? on_behalf_of)
    {
        /// <summary>The members in the order of <see cref="TaskColumns"/>, as statement parameters.</summary>
        public object?[] Values() =>
            [id, instance_id, plan_id, body_code, step, role, revision, status, assignee, definition_id, definition_version, branch, activation,
             created_at, due_at, on_behalf_of];
    }
#pragma warning restore IDE1006
}
