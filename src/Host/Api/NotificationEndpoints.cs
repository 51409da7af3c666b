using Workflows.Host.Identity;
using Workflows.Notifications;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/me/notifications</c>: the caller's choice of email (<c>taskMail</c>: a new task; <c>overdueDigest</c>: the 07:00
/// digest of overdue tasks; <c>lateSubmission</c>: a school's late report of a report the caller owns, on when omitted),
/// read and replaced whole through <see cref="NotificationPreferences"/>, as the page
/// <c>/thong-bao</c> does.
/// </summary>
internal static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/notifications").WithTags("Notifications");
        me.MapGet("/", async (HttpContext http, NotificationPreferences preferences, CancellationToken ct) =>
            Results.Ok(await preferences.GetAsync(http.User.ToActor(), ct)));
        me.MapPut("/", async (NotificationSettings settings, HttpContext http, NotificationPreferences preferences, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await preferences.SetAsync(actor, settings, ct);
            return Results.Ok(await preferences.GetAsync(actor, ct));
        });
        return api;
    }
}
