namespace Workflows.Notifications;

/// <summary>A user's choices of email (both on until the user turns one off).</summary>
/// <param name="TaskMail">An email with a link each time a task arrives for the user.</param>
/// <param name="OverdueDigest">At 07:00 Vietnam time, one email listing the user's overdue tasks (none when there are none).</param>
public sealed record NotificationSettings(bool TaskMail, bool OverdueDigest)
{
    /// <summary>What a user who never chose gets: everything on.</summary>
    public static NotificationSettings Default { get; } = new(true, true);
}
