using Workflows.Audit;
using Workflows.Definitions;
using Workflows.Kernel;

namespace Workflows.Engine;

// Parallel consultation: one task per branch opened at once, each answered "agree" or "return", joined by the step's rule.
public sealed partial class WorkflowEngine
{
    /// <summary>Opens every branch of <paramref name="step"/> at once, sharing one activation id.</summary>
    private async Task OpenParallelAsync(Transition transition, StepDefinition step, string? statusOverride, CancellationToken cancellationToken)
    {
        var activation = Guid.NewGuid();
        var dueAt = DueAt(transition.Now, step.DueInWorkingDays);
        transition.Work.Audit(transition.Now, "system", "parallel.opened", transition.Plan.Id, transition.InstanceId, null,
            new { step = step.Id, branches = step.Branches.Select(b => b.Id), needed = step.Join!.Needed, activation });
        foreach (var branch in step.Branches)
            await OpenTaskAsync(transition, new TaskOpening(step.Id, branch.Name, branch.Role, dueAt, TaskAssignment.Queue, branch.Id, activation), cancellationToken);
        SetPlanStep(transition, step.Id, statusOverride ?? step.Status!, "running");
    }

    /// <summary>
    /// Records one branch's answer, then applies the join: when it decides, closes the branches still open (status
    /// <c>cancelled</c>) and follows the step's <c>agreed</c> or <c>returned</c> outcome. The plan's row lock, taken with the
    /// task's, serialises the branches of one plan: each sees the answers committed before it.
    /// </summary>
    private async Task CompleteBranchAsync(Transition transition, StepDefinition step, TaskRow task, TaskCompletion completion, CancellationToken cancellationToken)
    {
        var answer = completion.Outcome;
        if (answer is not (ParallelJoin.Agree or ParallelJoin.Return))
            throw WorkflowException.Invalid("outcome", $"Kết quả '{answer}' không hợp lệ ở bước này; chọn một trong: {ParallelJoin.Agree}, {ParallelJoin.Return}.");
        var comment = string.IsNullOrWhiteSpace(completion.Comment) ? null : completion.Comment.Trim();
        if (answer == ParallelJoin.Return && comment is null) throw WorkflowException.Invalid("comment", "Cần ghi ý kiến khi trả lại.");
        var work = transition.Work;
        var branch = step.Branches.FirstOrDefault(b => b.Id == task.branch);
        work.Queue(
            "UPDATE human_tasks SET status = 'completed', completed_at = $1, completed_by = $2, outcome = $3, comment = $4 WHERE id = $5",
            transition.Now, transition.Actor.UserName, answer, comment, task.id);
        work.Audit(transition.Now, transition.Actor.UserName, "task.completed", task.plan_id, task.instance_id, task.id,
            new { step = step.Id, branch = task.branch, branchName = branch?.Name, outcome = answer, comment, revision = transition.Plan.Revision });

        var counts = await work.QuerySingleAsync<(long Agreed, long Returned, long Open)>(
            """
            SELECT count(*) FILTER (WHERE status = 'completed' AND outcome = @agree),
                   count(*) FILTER (WHERE status = 'completed' AND outcome = @return),
                   count(*) FILTER (WHERE status = 'open')
            FROM human_tasks WHERE activation = @activation
            """,
            new { agree = ParallelJoin.Agree, @return = ParallelJoin.Return, activation = task.activation }, cancellationToken);
        var result = step.Join!.Decide((int)counts.Agreed, (int)counts.Returned, (int)counts.Open);
        if (result is null) return;
        work.Queue("UPDATE human_tasks SET status = 'cancelled', completed_at = $1 WHERE activation = $2 AND status = 'open'", transition.Now, task.activation);
        work.Audit(transition.Now, "system", "parallel.joined", task.plan_id, task.instance_id, null,
            new { step = step.Id, outcome = result, agreed = counts.Agreed, returned = counts.Returned, closed = counts.Open, needed = step.Join.Needed });
        var outcome = step.Outcomes[result];
        await EnterAsync(transition, outcome.Next, outcome.Status, cancellationToken);
    }

    /// <summary>The next step of a decision: the first case whose expression holds for the plan, else <c>otherwise</c>; audited.</summary>
    private async Task<string> DecideAsync(Transition transition, StepDefinition step, CancellationToken cancellationToken)
    {
        var facts = await _subjects.FactsAsync(transition.Work, transition.Plan.Id, cancellationToken);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["documentType"] = facts.DocumentType,
            ["bodyCode"] = transition.Plan.BodyCode,
            ["subject"] = facts.Subject,
            ["hasReportingDuties"] = facts.ReportingDutyCount > 0,
            ["reportingDutyCount"] = facts.ReportingDutyCount,
            ["recipientCount"] = facts.RecipientCount,
            ["revision"] = transition.Plan.Revision,
            ["definitionId"] = transition.Definition.Id,
        };
        var chosen = step.Cases.FirstOrDefault(c => DecisionExpressions.Evaluate(c.When, values));
        var next = chosen?.Next ?? step.Next!;
        transition.Work.Audit(transition.Now, "system", "decision.taken", transition.Plan.Id, transition.InstanceId, null,
            new { step = step.Id, when = chosen?.When, next });
        transition.Work.Queue("UPDATE workflow_instances SET current_step = $1 WHERE id = $2", step.Id, transition.InstanceId);
        return next;
    }
}
