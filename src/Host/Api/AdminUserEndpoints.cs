using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/admin/users</c>: the admin's user administration over HTTP, each endpoint a thin adapter over
/// <see cref="UserAdministration"/> (the same methods as the pages under <c>/quan-tri/nguoi-dung</c>): only Admins
/// (403), only users of their own body (another body's user → 404), refusals as 422 naming the field.
/// </summary>
internal static class AdminUserEndpoints
{
    /// <summary>A new password chosen by the admin.</summary>
    /// <param name="NewPassword">At least 12 characters, not containing the user name, not a common password (NIST SP 800-63B).</param>
    public sealed record PasswordRequest(string? NewPassword);

    public static RouteGroupBuilder MapAdminUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Users");
        users.MapGet("/", async (HttpContext http, UserAdministration administration, CancellationToken ct) =>
            Results.Ok(await administration.ListAsync(http.User.ToActor(), ct)));
        users.MapGet("/{id}", async (string id, HttpContext http, UserAdministration administration, CancellationToken ct) =>
            Results.Ok(await administration.GetAsync(id, http.User.ToActor(), ct)));
        users.MapPost("/", async (UserInput input, HttpContext http, UserAdministration administration, CancellationToken ct) =>
        {
            var user = await administration.CreateAsync(input, http.User.ToActor(), ct);
            return Results.Created($"/api/admin/users/{user.Id}", user);
        });
        // PUT and PATCH alike: the members sent are changed, the null ones kept (the user name cannot change, nor a password here).
        users.MapMethods("/{id}", [HttpMethods.Put, HttpMethods.Patch], async (string id, UserInput input, HttpContext http,
            UserAdministration administration, CancellationToken ct) =>
            Results.Ok(await administration.UpdateAsync(id, input with { UserName = null, Password = null }, http.User.ToActor(), ct)));
        users.MapPost("/{id}/reset-password", async (string id, PasswordRequest request, HttpContext http, UserAdministration administration,
            CancellationToken ct) =>
        {
            await administration.ResetPasswordAsync(id, request.NewPassword, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        users.MapPost("/{id}/unlock", async (string id, HttpContext http, UserAdministration administration, CancellationToken ct) =>
            Results.Ok(await administration.UnlockAsync(id, http.User.ToActor(), ct)));
        users.MapPost("/{id}/disable", async (string id, HttpContext http, UserAdministration administration, CancellationToken ct) =>
            Results.Ok(await administration.DisableAsync(id, http.User.ToActor(), ct)));
        users.MapPost("/{id}/enable", async (string id, HttpContext http, UserAdministration administration, CancellationToken ct) =>
            Results.Ok(await administration.EnableAsync(id, http.User.ToActor(), ct)));
        return api;
    }
}
