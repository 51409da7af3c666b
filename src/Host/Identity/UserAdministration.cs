using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Access;
using Workflows.Audit;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Host.Identity;

/// <summary>
/// The admin's use cases on user accounts, shared by <c>/api/admin/users</c> and the pages under <c>/quan-tri/nguoi-dung</c>:
/// list, create, change name, title and roles, reset a password, unlock, disable and enable. Each one checks that the
/// actor is an Admin (else 403) and that the user belongs to the actor's body (another body's user is reported as
/// missing, 404); an admin may neither drop their own Admin role nor disable themselves. Identity's refusals become
/// <see cref="WorkflowException"/>s naming the field (<c>userName</c>, <c>password</c>, <c>newPassword</c>…), in
/// Vietnamese.
/// <para>
/// Each change is one transaction: a <see cref="UnitOfWork"/> lends its connection and transaction to a fresh Identity
/// <see cref="WorkflowIdentityDbContext"/> (<see cref="UnitOfWork.LendAsync"/>), so Identity's writes, the audit record
/// (<c>user.created</c>, <c>user.updated</c>, <c>user.roles-changed</c>, <c>user.password-reset</c>, <c>user.unlocked</c>,
/// <c>user.enabled</c>, <c>user.disabled</c>; never a password), the end of the user's open sessions on every node (disabling,
/// a password reset, a change of roles; <see cref="SessionStore"/>) and, on unlocking, forgetting the failed sign-ins that
/// slow attempts on the account commit together or not at all.
/// </para>
/// </summary>
internal sealed class UserAdministration(UserManager<WorkflowUser> users, IServiceScopeFactory scopes, NpgsqlDataSource dataSource,
    SignInFailureStore failures, TimeProvider clock, Workflows.Organisation.RoleCatalog roleCatalog)
{
    /// <summary>Every role a user may be given (the installation's roles, <see cref="Workflows.Organisation.RoleCatalog"/>), in the order shown.</summary>
    public IReadOnlyCollection<string> AllRoles => roleCatalog.Codes;

    /// <summary>The users of the actor's body, by login name.</summary>
    /// <exception cref="WorkflowException">The actor is not an Admin (403).</exception>
    public async Task<IReadOnlyList<UserView>> ListAsync(Actor actor, CancellationToken ct)
    {
        RequireAdmin(actor);
        var result = new List<UserView>();
        foreach (var user in await users.Users.Where(u => u.BodyCode == actor.BodyCode).OrderBy(u => u.UserName).ToListAsync(ct))
            result.Add(await ViewAsync(users, user));
        return result;
    }

    /// <summary>One user of the actor's body.</summary>
    /// <exception cref="WorkflowException">Not an Admin (403); no such user in the actor's body (404).</exception>
    public async Task<UserView> GetAsync(string id, Actor actor, CancellationToken ct)
    {
        RequireAdmin(actor);
        return await ViewAsync(users, await FindAsync(users, id, actor));
    }

    /// <summary>Creates a user of the actor's body with its roles; audited as <c>user.created</c>.</summary>
    /// <exception cref="WorkflowException">Not an Admin (403); a missing or refused user name, name or password, or an unknown role (422 naming the field).</exception>
    public async Task<UserView> CreateAsync(UserInput input, Actor actor, CancellationToken ct)
    {
        RequireAdmin(actor);
        var roles = CheckRoles(input.Roles) ?? [];
        if (string.IsNullOrWhiteSpace(input.UserName)) throw WorkflowException.Invalid("userName", "Cần nhập tên đăng nhập.");
        var fullName = RequireFullName(input.FullName);
        if (string.IsNullOrEmpty(input.Password)) throw WorkflowException.Invalid("password", "Cần nhập mật khẩu ban đầu.");
        return await ChangeAsync(async (users, work) =>
        {
            var user = new WorkflowUser
            {
                UserName = input.UserName.Trim(), FullName = fullName, Title = Blank(input.Title), BodyCode = actor.BodyCode, LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, input.Password), "password");
            if (roles.Count > 0) Check(await users.AddToRolesAsync(user, roles), null);
            Audit(work, actor, "user.created", user, new { user.FullName, user.Title, user.BodyCode, roles });
            return await ViewAsync(users, user);
        }, ct);
    }

    /// <summary>
    /// Changes a user's full name, title and roles (null members kept); audited as <c>user.updated</c> and
    /// <c>user.roles-changed</c> when they changed. A change of roles ends the user's sessions: they sign in again with the new roles.
    /// </summary>
    /// <exception cref="WorkflowException">Not an Admin (403); no such user in the body (404); an empty name, an unknown role, or the actor dropping their own Admin role (422 naming the field).</exception>
    public async Task<UserView> UpdateAsync(string id, UserInput input, Actor actor, CancellationToken ct)
    {
        RequireAdmin(actor);
        var roles = CheckRoles(input.Roles);
        return await ChangeAsync(async (users, work) =>
        {
            var user = await FindAsync(users, id, actor);
            if (roles is not null && user.UserName == actor.UserName && !roles.Contains(Roles.Admin))
                throw WorkflowException.Invalid("roles", "Bạn không thể tự bỏ vai trò Quản trị của mình; nhờ một quản trị khác làm việc này.");
            var fullName = input.FullName is null ? user.FullName : RequireFullName(input.FullName);
            var title = input.Title is null ? user.Title : Blank(input.Title);
            if ((fullName, title) != (user.FullName, user.Title))
            {
                user.FullName = fullName;
                user.Title = title;
                Check(await users.UpdateAsync(user), null);
                Audit(work, actor, "user.updated", user, new { user.FullName, user.Title });
            }
            if (roles is not null)
            {
                var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
                var added = roles.Where(r => !current.Contains(r)).ToList();
                var removed = current.Where(r => !roles.Contains(r)).ToList();
                if (added.Count > 0) Check(await users.AddToRolesAsync(user, added), null);
                if (removed.Count > 0) Check(await users.RemoveFromRolesAsync(user, removed), null);
                if (added.Count > 0 || removed.Count > 0)
                {
                    await users.UpdateSecurityStampAsync(user);
                    SessionStore.RemoveAllOfUser(work, user.Id);
                    Audit(work, actor, "user.roles-changed", user, new { added, removed, roles });
                }
            }
            return await ViewAsync(users, user);
        }, ct);
    }

    /// <summary>Sets a new password chosen by the admin and ends the user's sessions; audited as <c>user.password-reset</c> (without the password).</summary>
    /// <exception cref="WorkflowException">Not an Admin (403); no such user in the body (404); a missing or refused password (422, field <c>newPassword</c>).</exception>
    public async Task ResetPasswordAsync(string id, string? newPassword, Actor actor, CancellationToken ct)
    {
        RequireAdmin(actor);
        await ChangeAsync(async (users, work) =>
        {
            var user = await FindAsync(users, id, actor);
            if (string.IsNullOrEmpty(newPassword)) throw WorkflowException.Invalid("newPassword", "Cần nhập mật khẩu mới.");
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, newPassword), "newPassword");
            SessionStore.RemoveAllOfUser(work, user.Id);
            Audit(work, actor, "user.password-reset", user, null);
            return true;
        }, ct);
    }

    /// <summary>Forgets the failed sign-ins that slow attempts on the account from some address; audited as <c>user.unlocked</c>.</summary>
    /// <exception cref="WorkflowException">Not an Admin (403); no such user in the body (404).</exception>
    public Task<UserView> UnlockAsync(string id, Actor actor, CancellationToken ct) => ClearLockoutAsync(id, actor, "user.unlocked", ct);

    /// <summary>Lets a disabled user sign in again (the same change as unlocking); audited as <c>user.enabled</c>.</summary>
    /// <exception cref="WorkflowException">Not an Admin (403); no such user in the body (404).</exception>
    public Task<UserView> EnableAsync(string id, Actor actor, CancellationToken ct) => ClearLockoutAsync(id, actor, "user.enabled", ct);

    /// <summary>Disables a user (locked out with no end; their open sessions end at once); audited as <c>user.disabled</c>.</summary>
    /// <exception cref="WorkflowException">Not an Admin (403); no such user in the body (404); the actor themselves (422).</exception>
    public async Task<UserView> DisableAsync(string id, Actor actor, CancellationToken ct)
    {
        RequireAdmin(actor);
        return await ChangeAsync(async (users, work) =>
        {
            var user = await FindAsync(users, id, actor);
            if (user.UserName == actor.UserName) throw new WorkflowException(ErrorKind.Invalid, "Bạn không thể tự vô hiệu hóa tài khoản của mình.");
            if (!user.LockoutEnabled) Check(await users.SetLockoutEnabledAsync(user, true), null);
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), null);
            await users.UpdateSecurityStampAsync(user);
            SessionStore.RemoveAllOfUser(work, user.Id);
            Audit(work, actor, "user.disabled", user, null);
            return await ViewAsync(users, user);
        }, ct);
    }

    /// <summary>Unlocking and enabling are one change — the lockout ended, the failure count reset — audited as <paramref name="action"/>.</summary>
    private async Task<UserView> ClearLockoutAsync(string id, Actor actor, string action, CancellationToken ct)
    {
        RequireAdmin(actor);
        return await ChangeAsync(async (users, work) =>
        {
            var user = await FindAsync(users, id, actor);
            Check(await users.SetLockoutEndDateAsync(user, null), null);
            await users.ResetAccessFailedCountAsync(user);
            SignInFailureStore.ClearAccount(work, Account(user));
            Audit(work, actor, action, user, null);
            return await ViewAsync(users, user, cleared: true);
        }, ct);
    }

    /// <summary>Runs <paramref name="change"/> in one transaction with Identity's writes (<see cref="IdentityChanges.RunAsync"/>).</summary>
    private Task<T> ChangeAsync<T>(Func<UserManager<WorkflowUser>, UnitOfWork, Task<T>> change, CancellationToken ct) =>
        IdentityChanges.RunAsync(scopes, dataSource, change, ct);

    /// <summary>Queues the audit record of an admin's change to <paramref name="user"/> (never a password).</summary>
    private void Audit(UnitOfWork work, Actor actor, string action, WorkflowUser user, object? details) =>
        work.Audit(clock.GetUtcNow(), actor.UserName, action, null, null, null, new { userName = user.UserName, details });

    private static void RequireAdmin(Actor actor)
    {
        if (!Workflows.Organisation.Administration.MayAdminister(actor)) throw WorkflowException.Forbidden("Chỉ quản trị mới quản lý được người dùng.");
    }

    /// <summary>The user <paramref name="id"/> when they belong to the actor's body; another body's user is reported as missing.</summary>
    private static async Task<WorkflowUser> FindAsync(UserManager<WorkflowUser> users, string id, Actor actor) =>
        await users.FindByIdAsync(id) is { } user && user.BodyCode == actor.BodyCode ? user : throw WorkflowException.NotFound("Người dùng");

    /// <summary>The account name as the sign-in failures record it.</summary>
    private static string Account(WorkflowUser user) => PasswordGuesses.AccountOf(user.UserName ?? "");

    /// <summary>
    /// The user as shown: <c>disabled</c> by an admin, <c>locked</c> while some address must wait before trying the
    /// account again (until then; the owner elsewhere is not slowed), else <c>active</c>. <paramref name="cleared"/>: the
    /// account's failures are being forgotten in the caller's transaction, so none slows it.
    /// </summary>
    private async Task<UserView> ViewAsync(UserManager<WorkflowUser> users, WorkflowUser user, bool cleared = false)
    {
        var now = clock.GetUtcNow();
        var roles = await users.GetRolesAsync(user);
        var slowed = cleared ? null : await failures.SlowedUntilAsync(Account(user), now, CancellationToken.None);
        var (state, until) = user.LockoutEnd is { } end && end > now && end.Year >= 9000 ? ("disabled", (DateTimeOffset?)null)
            : slowed is not null ? ("locked", slowed)
            : ("active", null);
        return new UserView(user.Id, user.UserName ?? "", user.FullName, user.Title, user.BodyCode, [.. roles.Order(StringComparer.Ordinal)], state, until);
    }

    private List<string>? CheckRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null) return null;
        if (roles.FirstOrDefault(r => !AllRoles.Contains(r)) is { } unknown)
            throw WorkflowException.Invalid("roles", $"Vai trò '{unknown}' không có; chọn trong: {string.Join(", ", AllRoles)}.");
        return [.. roles.Distinct()];
    }

    private static string RequireFullName(string? fullName) =>
        string.IsNullOrWhiteSpace(fullName) ? throw WorkflowException.Invalid("fullName", "Cần nhập họ và tên.") : fullName.Trim();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Throws Identity's refusal naming its field (<see cref="IdentityChanges.Check"/>).</summary>
    private static void Check(IdentityResult result, string? passwordField) => IdentityChanges.Check(result, passwordField);
}
