using Workflows.Engine;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary><c>/api/definitions</c>: moving the running instances of a definition version to a newer one (Admins).</summary>
internal static class DefinitionEndpoints
{
    /// <summary>An instance migration.</summary>
    /// <param name="FromVersion">The version whose running instances move.</param>
    /// <param name="ToVersion">The newer version they move to.</param>
    public sealed record MigrateRequest(int FromVersion, int ToVersion);

    public static RouteGroupBuilder MapDefinitionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/definitions/{id}/migrate", async (string id, MigrateRequest request, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
            Results.Ok(await engine.MigrateAsync(id, request.FromVersion, request.ToVersion, http.User.ToActor(), ct)))
            .WithTags("Definitions");
        return api;
    }
}
