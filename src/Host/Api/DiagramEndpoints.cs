using Workflows.Definitions.Diagrams;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// The workflow diagrams as SVG (<c>image/svg+xml</c>): <c>GET /api/definitions/{id}/diagram.svg</c> (the current version,
/// <c>?version=n</c> for a stored one) and <c>GET /api/plans/{id}/diagram.svg</c> (the plan's steps done, path taken and
/// current step marked). Unknown definition, version or plan → 404 ProblemDetails in Vietnamese; another body's plan → 403.
/// </summary>
internal static class DiagramEndpoints
{
    private const string Svg = "image/svg+xml; charset=utf-8";

    public static RouteGroupBuilder MapDiagramEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/definitions/{id}/diagram.svg", async (string id, int? version, WorkflowDiagrams diagrams, CancellationToken ct) =>
            Results.Text(await diagrams.DefinitionAsync(id, version, ct), Svg))
            .WithTags("Definitions");
        api.MapGet("/plans/{id:guid}/diagram.svg", async (Guid id, HttpContext http, WorkflowDiagrams diagrams, CancellationToken ct) =>
            Results.Text(await diagrams.PlanAsync(id, http.User.ToActor(), ct), Svg))
            .WithTags("Plans");
        return api;
    }
}
