using Microsoft.AspNetCore.Identity;
using Workflows.Engine;

namespace Workflows.Host.Identity;

/// <summary>The engine's view of the accounts (<see cref="IWorkflowUsers"/>), read through ASP.NET Core Identity.</summary>
internal sealed class IdentityWorkflowUsers(IServiceScopeFactory scopes, TimeProvider clock) : IWorkflowUsers
{
    public async Task<IReadOnlyList<WorkflowUserInfo>> InRoleAsync(string bodyCode, string role, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        var now = clock.GetUtcNow();
        return (await users.GetUsersInRoleAsync(role))
            .Where(u => u.BodyCode == bodyCode && (u.LockoutEnd is null || u.LockoutEnd <= now))
            .OrderBy(u => u.FullName, StringComparer.Ordinal)
            .Select(Info)
            .ToList();
    }

    public async Task<WorkflowUserInfo?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        return await users.FindByNameAsync(userName) is { } user ? Info(user) : null;
    }

    private static WorkflowUserInfo Info(WorkflowUser user) =>
        new(user.UserName ?? "", user.FullName, user.Title, user.BodyCode, string.IsNullOrWhiteSpace(user.Email) ? null : user.Email);
}
