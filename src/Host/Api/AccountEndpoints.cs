using Workflows.Host.Identity;
using Workflows.Host.Security;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/account</c>: what a signed-in user does with their own account. <c>POST /api/account/password</c>
/// <c>{currentPassword, newPassword, confirmPassword}</c> changes the password (<see cref="PasswordChanges"/>, as the page
/// <c>/doi-mat-khau</c>): 204 with a new session cookie (every other session of the user ended); 422 naming the field
/// (wrong current password, a new password the rules refuse, a confirmation that differs); 429 with <c>Retry-After</c>
/// while the account name must wait from this address, as for signing in.
/// </summary>
internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account");
        account.MapPost("/password", async (PasswordChangeInput input, HttpContext http, PasswordChanges changes, CancellationToken ct) =>
        {
            var outcome = await changes.ChangeAsync(http.User.ToActor(), input, ClientAddress.Of(http), ct);
            if (outcome.Changed) return Results.NoContent();
            http.Response.Headers.RetryAfter = outcome.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: outcome.Message, statusCode: StatusCodes.Status429TooManyRequests);
        });
        return api;
    }
}
