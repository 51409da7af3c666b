using Workflows.Delegation;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/delegations</c>: the caller's absences with a delegate (ủy quyền) — list (given and received), record, cancel —
/// through <see cref="Delegations"/>, as the page <c>/uy-quyen</c> does. Dates are ISO (<c>yyyy-MM-dd</c>), Vietnam dates.
/// </summary>
internal static class DelegationEndpoints
{
    public static RouteGroupBuilder MapDelegationEndpoints(this RouteGroupBuilder api)
    {
        var delegations = api.MapGroup("/delegations").WithTags("Delegations");
        delegations.MapGet("/", async (HttpContext http, Delegations use, CancellationToken ct) =>
            Results.Ok(await use.ListAsync(http.User.ToActor(), ct)));
        delegations.MapPost("/", async (NewDelegation input, HttpContext http, Delegations use, CancellationToken ct) =>
        {
            var created = await use.CreateAsync(input, http.User.ToActor(), ct);
            return Results.Created($"/api/delegations/{created.Id}", created);
        });
        delegations.MapPost("/{id:guid}/cancel", async (Guid id, HttpContext http, Delegations use, CancellationToken ct) =>
        {
            await use.CancelAsync(id, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        return api;
    }
}
