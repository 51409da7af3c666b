using Microsoft.AspNetCore.Identity;
using Npgsql;
using Workflows.Access;
using Workflows.Audit;
using Workflows.Kernel;

namespace Workflows.Host.Identity;

/// <summary>
/// A signed-in user changes their own password ("Đổi mật khẩu"), the use case of <c>POST /api/account/password</c> and
/// the page <c>/doi-mat-khau</c>. The current password is a guess like a sign-in's, counted by the same gate
/// (<see cref="PasswordGuesses"/>): the account name's per-minute limit and the growing delay of that name from that
/// address are the sign-ins' own counts, so a wrong current password is one more failure and sign-ins and password
/// changes together earn the wait. Then ASP.NET Core Identity's
/// <see cref="UserManager{TUser}.ChangePasswordAsync"/> checks the current password, applies the password rules
/// (<see cref="NistPasswordValidator"/>) and refreshes the security stamp. In one transaction: the new hash and stamp,
/// the end of every other session of the user on every node (<see cref="SessionStore"/>), and the audit record
/// <c>user.password_changed</c> (the user name and the client address, never a password). The session of this request
/// is then signed in again, its ticket renewed with the new stamp, so the user stays signed in where they changed it.
/// </summary>
internal sealed class PasswordChanges(
    SignInManager<WorkflowUser> signIn,
    IServiceScopeFactory scopes,
    IHttpContextAccessor http,
    NpgsqlDataSource dataSource,
    PasswordGuesses guesses,
    TimeProvider clock)
{
    /// <summary>Changes <paramref name="actor"/>'s password from <paramref name="address"/> (the client's, as the sign-in counts it).</summary>
    /// <returns>Changed; or not tried, with the wait, while the name must wait from this address or is over its limit (the API answers 429).</returns>
    /// <exception cref="WorkflowException">
    /// 422 naming the field: a missing current password (<c>currentPassword</c>), a missing new password or one the
    /// password rules refuse or equal to the current one (<c>newPassword</c>), a confirmation that differs
    /// (<c>confirmPassword</c>), a wrong current password (<c>currentPassword</c>, counted as a failed sign-in).
    /// </exception>
    /// <exception cref="NpgsqlException">The database cannot be reached (the caller answers 503).</exception>
    public async Task<PasswordChangeOutcome> ChangeAsync(Actor actor, PasswordChangeInput input, string address, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(input.CurrentPassword)) throw WorkflowException.Invalid("currentPassword", "Cần nhập mật khẩu hiện tại.");
        if (string.IsNullOrEmpty(input.NewPassword)) throw WorkflowException.Invalid("newPassword", "Cần nhập mật khẩu mới.");
        if (input.ConfirmPassword != input.NewPassword)
            throw WorkflowException.Invalid("confirmPassword", "Mật khẩu nhập lại không khớp với mật khẩu mới.");

        if (await guesses.WaitBeforeAsync(actor.UserName, address, ct) is { } wait) return new(false, wait);
        var now = clock.GetUtcNow();

        var user = await IdentityChanges.RunAsync(scopes, dataSource, async (manager, work) =>
        {
            var user = await manager.FindByNameAsync(actor.UserName) ?? throw WorkflowException.NotFound("Người dùng");
            var result = await manager.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await guesses.WrongAsync(actor.UserName, address, ct);
                throw WorkflowException.Invalid("currentPassword", "Mật khẩu hiện tại không đúng.");
            }
            IdentityChanges.Check(result, "newPassword");
            // Only now that the current password is known right may the answer compare with it (else it would tell a guess).
            if (input.NewPassword == input.CurrentPassword)
                throw WorkflowException.Invalid("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.");
            if (PostgresTicketStore.CurrentKey(http.HttpContext!) is { } current) SessionStore.RemoveOthersOfUser(work, user.Id, current);
            else SessionStore.RemoveAllOfUser(work, user.Id);
            work.Audit(now, actor.UserName, "user.password_changed", null, null, null, new { userName = user.UserName, address });
            return user;
        }, ct);
        await guesses.RightAsync(actor.UserName, address, ct);
        await signIn.SignInAsync(user, isPersistent: false);
        return new(true, TimeSpan.Zero);
    }
}
