using Workflows.Kernel;

namespace Workflows.Engine;

// Approving several review tasks at once from the inbox: one engine completion per task, as one click each would.
public sealed partial class WorkflowEngine
{
    /// <summary>Most tasks approved in one request.</summary>
    public const int MaxBulkApproval = 200;

    /// <summary>True when <paramref name="actor"/> checks drafts (role Reviewer) and so may approve several review tasks at once.</summary>
    public static bool MayApproveSeveral(Actor actor) => actor.IsIn(Roles.Reviewer);

    /// <summary>
    /// Approves each of <paramref name="taskIds"/> (outcome <c>approve</c>, no comment) through <see cref="CompleteAsync(Guid, TaskCompletion, Actor, CancellationToken)"/>,
    /// one transaction each: only the actor's open tasks that are <see cref="HumanTaskView.BulkApprovable"/>. A task done,
    /// taken or not bulk-approvable meanwhile is reported in <see cref="BulkApproval.Refused"/>, the others go on.
    /// </summary>
    /// <exception cref="WorkflowException">The actor checks no drafts (not a Reviewer, 403); no task given, or more than <see cref="MaxBulkApproval"/> (422, field <c>taskIds</c>).</exception>
    public async Task<BulkApproval> ApproveSeveralAsync(IReadOnlyCollection<Guid>? taskIds, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!MayApproveSeveral(actor)) throw WorkflowException.Forbidden("Chỉ lãnh đạo kiểm tra mới đồng ý nhiều việc cùng lúc.");
        var ids = (taskIds ?? []).Distinct().ToList();
        if (ids.Count == 0) throw WorkflowException.Invalid("taskIds", "Chọn ít nhất một việc kiểm tra để đồng ý.");
        if (ids.Count > MaxBulkApproval) throw WorkflowException.Invalid("taskIds", $"Mỗi lần đồng ý được nhiều nhất {MaxBulkApproval} việc.");
        var open = (await SearchTasksAsync(actor, new TaskSearch(Ids: ids, PageSize: MaxBulkApproval), cancellationToken)).Items.ToDictionary(t => t.Id);
        var approved = new List<Guid>();
        var refused = new List<string>();
        foreach (var id in ids)
        {
            if (!open.TryGetValue(id, out var task) || !task.BulkApprovable)
            {
                refused.Add("Một việc đã được xử lý hoặc không còn thuộc hộp việc của anh/chị.");
                continue;
            }
            try
            {
                await CompleteAsync(id, "approve", null, null, actor, cancellationToken);
                approved.Add(id);
            }
            catch (WorkflowException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.Invalid)
            {
                refused.Add($"“{task.Subject}”: {e.Message}");
            }
        }
        return new BulkApproval(approved, refused);
    }
}
