using Microsoft.AspNetCore.Identity;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary><c>/api/auth</c>: sign in and out with a user name and password (cookie).</summary>
internal static class AuthEndpoints
{
    /// <summary>Credentials.</summary>
    /// <param name="UserName">Login name.</param>
    /// <param name="Password">Password.</param>
    public sealed record LoginRequest(string? UserName, string? Password);

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", async (LoginRequest request, SignInManager<WorkflowUser> signIn) =>
        {
            if (string.IsNullOrWhiteSpace(request.UserName))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["Cần nhập tên đăng nhập."] }, statusCode: 422);
            if (string.IsNullOrEmpty(request.Password))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Cần nhập mật khẩu."] }, statusCode: 422);
            var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return Results.Ok(new { userName = request.UserName.Trim() });
            return result.IsLockedOut
                ? Results.Problem(title: "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau 15 phút.", statusCode: StatusCodes.Status423Locked)
                : Results.Problem(title: "Tên đăng nhập hoặc mật khẩu không đúng.", statusCode: StatusCodes.Status401Unauthorized);
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
