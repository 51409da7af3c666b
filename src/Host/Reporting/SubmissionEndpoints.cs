using Microsoft.Extensions.Options;
using Workflows.Host.Identity;
using Workflows.Reporting.Submissions;
using Workflows.Reporting;

namespace Workflows.Host.Reporting;

/// <summary>
/// The office's side of submissions under <c>/api/reporting</c>: a request's versions and files, file download, and
/// revoking or reissuing a school's link. Only officers of the schedule's body (else 403).
/// </summary>
internal static class SubmissionEndpoints
{
    /// <summary>Maps the endpoints on the authorized <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapSubmissionEndpoints(this RouteGroupBuilder api)
    {
        var reporting = api.MapGroup("/reporting").WithTags("Reporting submissions");
        reporting.MapGet("/requests/{id:guid}/submissions", async (Guid id, HttpContext http, SubmissionStore store, CancellationToken ct) =>
            Results.Ok(await store.GetRequestAsync(id, http.User.ToActor(), ct)));
        reporting.MapGet("/files/{id:guid}", async (Guid id, HttpContext http, SubmissionStore store, CancellationToken ct) =>
        {
            var (file, content) = await store.GetFileAsync(id, http.User.ToActor(), ct);
            return Results.File(content, file.MediaType, file.FileName);
        });
        reporting.MapPost("/requests/{id:guid}/revoke", async (Guid id, HttpContext http, SubmissionStore store, CancellationToken ct) =>
        {
            var revokedAt = await store.RevokeAsync(id, http.User.ToActor(), ct);
            return Results.Ok(new { requestId = id, revokedAt });
        });
        reporting.MapPost("/requests/{id:guid}/reissue", async (Guid id, HttpContext http, SubmissionStore store, IOptions<ReportingOptions> options,
            CancellationToken ct) =>
        {
            await store.ReissueAsync(id, http.User.ToActor(), options.Value.PublicBaseUrl, ct);
            return Results.Ok(new { requestId = id, reissued = true });
        });
        reporting.MapPost("/requests/{id:guid}/resend", async (Guid id, HttpContext http, Workflows.Reporting.Status.ReportingProgress progress, TimeProvider clock,
            CancellationToken ct) =>
        {
            await progress.ResendAsync(id, http.User.ToActor(), clock.GetUtcNow(), ct);
            return Results.Ok(new { requestId = id, resent = true });
        });
        reporting.MapGet("/schedules/{id:guid}/progress", async (Guid id, HttpContext http, Workflows.Reporting.Status.ReportingProgress progress, CancellationToken ct) =>
            Results.Ok(await progress.PeriodsAsync(id, http.User.ToActor(), ct)));
        return api;
    }
}
