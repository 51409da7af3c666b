using System.Security.Claims;
using Workflows.Kernel;

namespace Workflows.Host.Identity;

/// <summary>Turns the signed-in principal into the engine's <see cref="Actor"/>.</summary>
internal static class ActorExtensions
{
    public static Actor ToActor(this ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? throw new InvalidOperationException("The request is not authenticated."),
        principal.FindFirstValue(WorkflowClaimTypes.FullName) ?? principal.Identity.Name,
        principal.FindFirstValue(WorkflowClaimTypes.Title),
        principal.FindFirstValue(WorkflowClaimTypes.Body) ?? "",
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}
