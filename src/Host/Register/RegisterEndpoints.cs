using Workflows.Host.Identity;
using Workflows.Issuance;
using Workflows.Kernel;

namespace Workflows.Host.Register;

/// <summary>
/// Maps the outgoing register: <c>GET /api/register</c>, <c>/api/register.csv</c>, <c>/api/register.xlsx</c>
/// (<c>?year=YYYY&amp;q=…</c>, the whole year by number), <c>GET /api/register/search?year=&amp;q=&amp;page=&amp;pageSize=</c>
/// (one page, newest first, as the page <c>/so-van-ban-di</c> shows it), all for clerks only
/// (<see cref="OutgoingRegister.MayRead"/>, else 403), the clerk's desk <c>GET /api/release-queue</c> (<see cref="ReleaseDesk"/>: waiting, released,
/// nextSymbol; 403 for anyone who does not release plans), and a released plan's recall: <c>POST /api/plans/{id}/recall</c>
/// (<see cref="RecallInput"/>: <c>{reason, replacedBy?}</c>) and <c>GET /api/plans/{id}/recall</c>.
/// </summary>
internal static class RegisterEndpoints
{
    /// <summary>Maps the four reads of <see cref="OutgoingRegister"/> for the caller's body (default year: this Vietnam year).</summary>
    public static RouteGroupBuilder MapRegisterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/register", async (int? year, string? q, HttpContext http, OutgoingRegister register, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await register.ListAsync(http.User.ToActor(), year ?? VietnamTime.Today(clock).Year, q, ct))).WithTags("Register");
        api.MapGet("/register/search", async (int? year, string? q, int? page, int? pageSize, HttpContext http, OutgoingRegister register,
            TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await register.SearchAsync(http.User.ToActor(), new RegisterSearch(year ?? VietnamTime.Today(clock).Year, q, page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Register");
        api.MapGet("/register.csv", async (int? year, string? q, HttpContext http, OutgoingRegister register, TimeProvider clock, CancellationToken ct) =>
        {
            var y = year ?? VietnamTime.Today(clock).Year;
            return Results.File(OutgoingRegister.ToCsv(await register.ListAsync(http.User.ToActor(), y, q, ct)), "text/csv; charset=utf-8", $"so-van-ban-di-{y}.csv");
        }).WithTags("Register");
        api.MapGet("/register.xlsx", async (int? year, string? q, HttpContext http, OutgoingRegister register, TimeProvider clock, CancellationToken ct) =>
        {
            var y = year ?? VietnamTime.Today(clock).Year;
            return Results.File(OutgoingRegister.ToXlsx(await register.ListAsync(http.User.ToActor(), y, q, ct), y),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"so-van-ban-di-{y}.xlsx");
        }).WithTags("Register");
        api.MapGet("/release-queue", async (HttpContext http, ReleaseQueue queue, CancellationToken ct) =>
            Results.Ok(await queue.ListAsync(http.User.ToActor(), ct))).WithTags("Register");
        api.MapPost("/plans/{id:guid}/recall", async (Guid id, RecallInput input, HttpContext http, PlanRecalls recalls, TimeProvider clock,
            CancellationToken ct) => Results.Ok(await recalls.RecallAsync(id, input, http.User.ToActor(), clock.GetUtcNow(), ct))).WithTags("Register");
        api.MapGet("/plans/{id:guid}/recall", async (Guid id, HttpContext http, PlanRecalls recalls, CancellationToken ct) =>
            await recalls.GetAsync(id, http.User.ToActor(), ct) is { } recall ? Results.Ok(recall)
                : throw new WorkflowException(ErrorKind.NotFound, "Kế hoạch chưa bị thu hồi.")).WithTags("Register");
        return api;
    }
}
