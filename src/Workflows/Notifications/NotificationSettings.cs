namespace Workflows.Notifications;

/// <summary>A user's choices of email (both on until the user turns one off).</summary>
/// <param name="TaskMail">An email with a link each time a task arrives for the user.</param>
/// <param name="OverdueDigest">At 07:00 Vietnam time, one email listing the user's overdue tasks (none when there are none).</param>
/// <param name="LateSubmission">For the reports the user owns (the duties of the plans they drafted, the campaigns they
/// created): an email each time a school's first submission of a period arrives after the deadline or after its overdue
/// notice (<see cref="ReportingOwnerNotice"/>). On when omitted.</param>
public sealed record NotificationSettings(bool TaskMail, bool OverdueDigest, bool LateSubmission = true)
{
    /// <summary>What a user who never chose gets: everything on.</summary>
    public static NotificationSettings Default { get; } = new(true, true, true);
}
