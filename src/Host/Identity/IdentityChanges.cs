using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Host.Identity;

/// <summary>
/// What the account use cases (<see cref="UserAdministration"/>, <see cref="PasswordChanges"/>) share: one transaction
/// for Identity's writes and the unit of work's, and Identity's refusals as <see cref="WorkflowException"/>s naming their field.
/// </summary>
internal static class IdentityChanges
{
    /// <summary>
    /// Runs <paramref name="change"/> in one transaction: a unit of work whose connection and transaction a fresh Identity
    /// context (its own service scope) uses, so the <see cref="UserManager{TUser}"/> handed to the change writes in it;
    /// then commits Identity's writes with what the change queued on the unit. A change that throws commits nothing.
    /// </summary>
    public static async Task<T> RunAsync<T>(IServiceScopeFactory scopes, NpgsqlDataSource dataSource,
        Func<UserManager<WorkflowUser>, UnitOfWork, Task<T>> change, CancellationToken ct)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowIdentityDbContext>();
        var (connection, transaction) = await work.LendAsync(ct);
        context.Database.SetDbConnection(connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(transaction, ct);
        var result = await change(scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>(), work);
        await context.Database.UseTransactionAsync(null, ct);
        await work.CommitAsync(ct);
        return result;
    }

    /// <summary>Throws Identity's refusal (Vietnamese, see <see cref="VietnameseIdentityErrors"/>) naming its field: password rules on <paramref name="passwordField"/>, user name ones on <c>userName</c>.</summary>
    /// <exception cref="WorkflowException">The result failed: 409 for a concurrent change, else 422 naming the field.</exception>
    public static void Check(IdentityResult result, string? passwordField)
    {
        if (result.Succeeded) return;
        var field = FieldOf(result.Errors.First(), passwordField);
        var message = string.Join(" ", result.Errors.Where(e => FieldOf(e, passwordField) == field).Select(e => e.Description));
        var kind = result.Errors.First().Code == nameof(IdentityErrorDescriber.ConcurrencyFailure) ? ErrorKind.Conflict : ErrorKind.Invalid;
        throw new WorkflowException(kind, message, field);
    }

    private static string? FieldOf(IdentityError error, string? passwordField) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? passwordField
        : error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName"
        : null;
}
