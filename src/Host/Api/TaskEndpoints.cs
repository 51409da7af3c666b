using Workflows.Engine;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/tasks</c>: the caller's inbox, task completion, the bulk approval of review tasks (<c>POST /api/tasks/approve</c>
/// <c>{taskIds}</c>: <see cref="BulkApproval"/>), the office's overdue tasks for its leaders (<c>GET /api/tasks/office-overdue?limit=</c>:
/// <see cref="OfficeOverdue"/>, 403 for the others), and who holds a task (claim, release, reassign).
/// </summary>
internal static class TaskEndpoints
{
    /// <summary>Completion of a human task.</summary>
    /// <param name="Outcome">approve, return, reject… (the step's outcomes); on a branch of a parallel step agree or return.</param>
    /// <param name="Comment">Required by return.</param>
    /// <param name="SigningForm">On the signing step: direct, KT., TM., TL., TUQ., Q.</param>
    /// <param name="NextAssignee">User name of the next task's holder where the next step lets the previous actor choose (chuyển xử lý).</param>
    public sealed record CompleteRequest(string? Outcome, string? Comment, string? SigningForm, string? NextAssignee = null);

    /// <summary>Reassignment of an open task by a supervisor.</summary>
    /// <param name="UserName">The new holder, one of the task role's users; null or empty: back to the role's queue.</param>
    public sealed record ReassignRequest(string? UserName);

    /// <summary>Several review tasks to approve at once.</summary>
    /// <param name="TaskIds">The tasks' ids (at most <see cref="WorkflowEngine.MaxBulkApproval"/>).</param>
    public sealed record ApproveRequest(IReadOnlyList<Guid>? TaskIds);

    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", async (HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.OpenTasksAsync(http.User.ToActor(), ct)));
        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteRequest request, HttpContext http, WorkflowEngine engine,
            CancellationToken ct) =>
        {
            await engine.CompleteAsync(id, new TaskCompletion(request.Outcome ?? "", request.Comment, request.SigningForm, request.NextAssignee),
                http.User.ToActor(), ct);
            return Results.NoContent();
        });
        tasks.MapGet("/office-overdue", async (int? limit, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.OfficeOverdueAsync(http.User.ToActor(), Math.Clamp(limit ?? 5, 1, 50), ct)));
        tasks.MapPost("/approve", async (ApproveRequest request, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.ApproveSeveralAsync(request.TaskIds, http.User.ToActor(), ct)));
        tasks.MapPost("/{id:guid}/claim", async (Guid id, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
        {
            await engine.ClaimAsync(id, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        tasks.MapPost("/{id:guid}/release", async (Guid id, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
        {
            await engine.ReleaseAsync(id, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        tasks.MapPost("/{id:guid}/reassign", async (Guid id, ReassignRequest request, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
        {
            await engine.ReassignAsync(id, request.UserName, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        return api;
    }
}
