using Dapper;
using Npgsql;
using Workflows.Audit;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Notifications;

/// <summary>
/// Each user's choice of email (<see cref="NotificationSettings"/>): read and changed by the user alone, through the API
/// (<c>/api/me/notifications</c>) and the page <c>/thong-bao</c>; the only writer of <c>notification_preferences</c>; a
/// change is audited (<c>notifications.changed</c>) in its transaction.
/// </summary>
public sealed class NotificationPreferences(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary><paramref name="actor"/>'s settings (<see cref="NotificationSettings.Default"/> until they choose).</summary>
    public async Task<NotificationSettings> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<NotificationSettings>(new CommandDefinition(
            """
            SELECT task_mail AS "TaskMail", overdue_digest AS "OverdueDigest", late_submission AS "LateSubmission"
            FROM notification_preferences WHERE user_name = @UserName
            """, new { actor.UserName },
            cancellationToken: cancellationToken)) ?? NotificationSettings.Default;
    }

    /// <summary>Stores <paramref name="settings"/> as <paramref name="actor"/>'s choice, audited as <c>notifications.changed</c>.</summary>
    public async Task SetAsync(Actor actor, NotificationSettings settings, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        var now = clock.GetUtcNow();
        work.Queue(
            """
            INSERT INTO notification_preferences (user_name, task_mail, overdue_digest, late_submission, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (user_name) DO UPDATE SET task_mail = excluded.task_mail, overdue_digest = excluded.overdue_digest,
                                                  late_submission = excluded.late_submission, updated_at = excluded.updated_at
            """, actor.UserName, settings.TaskMail, settings.OverdueDigest, settings.LateSubmission, now);
        work.Audit(now, actor.UserName, "notifications.changed", null, null, null, new { settings.TaskMail, settings.OverdueDigest, settings.LateSubmission });
        await work.CommitAsync(cancellationToken);
    }
}
