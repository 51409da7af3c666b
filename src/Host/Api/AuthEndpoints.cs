using Microsoft.AspNetCore.Identity;
using Workflows.Host.Identity;
using Workflows.Host.Security;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/auth</c>: sign in and out with a user name and password (cookie; the ticket stays on the server). Sign-in
/// answers 200, 401 for an unknown name or a wrong password alike, 403 for the right password of a disabled account,
/// 429 with <c>Retry-After</c> while the name must wait (see <see cref="SignInService"/>).
/// </summary>
internal static class AuthEndpoints
{
    /// <summary>Credentials.</summary>
    /// <param name="UserName">Login name.</param>
    /// <param name="Password">Password.</param>
    public sealed record LoginRequest(string? UserName, string? Password);

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", async (LoginRequest request, HttpContext http, SignInService signIn, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.UserName))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["Cần nhập tên đăng nhập."] }, statusCode: 422);
            if (string.IsNullOrEmpty(request.Password))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Cần nhập mật khẩu."] }, statusCode: 422);
            var outcome = await signIn.SignInAsync(request.UserName, request.Password, ClientAddress.Of(http), ct);
            if (outcome.Kind == SignInKind.Succeeded) return Results.Ok(new { userName = request.UserName.Trim() });
            if (outcome.Kind == SignInKind.TooSoon) http.Response.Headers.RetryAfter = outcome.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: outcome.Message, statusCode: outcome.Status);
        }).AllowAnonymous();
        auth.MapPost("/logout", async (SignInManager<WorkflowUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        });
        auth.MapGet("/me", (HttpContext http) =>
        {
            var actor = http.User.ToActor();
            return Results.Ok(new { actor.UserName, actor.FullName, actor.Title, actor.BodyCode, roles = actor.Roles.Order() });
        });
        return api;
    }
}
