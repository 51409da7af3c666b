using Workflows.Engine;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary><c>/api/tasks</c>: the caller's inbox and task completion.</summary>
internal static class TaskEndpoints
{
    /// <summary>Completion of a human task.</summary>
    /// <param name="Outcome">approve, return, reject… (the step's outcomes).</param>
    /// <param name="Comment">Required by return.</param>
    /// <param name="SigningForm">On the signing step: direct, KT., TM., TL., TUQ., Q.</param>
    public sealed record CompleteRequest(string? Outcome, string? Comment, string? SigningForm);

    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", async (HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.OpenTasksAsync(http.User.ToActor(), ct)));
        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteRequest request, HttpContext http, WorkflowEngine engine,
            CancellationToken ct) =>
        {
            await engine.CompleteAsync(id, request.Outcome ?? "", request.Comment, request.SigningForm, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        return api;
    }
}
