using Hangfire;
using Workflows.Delegation;
using Workflows.Kernel;
using Workflows.Notifications;

namespace Workflows.Host.Notifications;

/// <summary>
/// The morning job (<see cref="RecurringId"/>, every day at <see cref="Cron"/> 07:00, time zone Asia/Ho_Chi_Minh): writes
/// each user's digest of overdue tasks (<see cref="OverdueDigest"/>) and records the end of the delegations whose last day
/// has passed (<see cref="Delegations.RecordEndsAsync"/>). Both are idempotent (dedup keys, a recorded-end column): a run
/// repeated the same day changes nothing more.
/// </summary>
internal sealed class MorningNoticesJob(OverdueDigest digest, Delegations delegations, TimeProvider clock)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringId = "morning-notices";

    /// <summary>Every day at 07:00 (in the job's time zone, Vietnam).</summary>
    public const string Cron = "0 7 * * *";

    /// <summary>Writes the digests, then records the delegations that ended.</summary>
    [JobDisplayName("Buổi sáng: thư công việc quá hạn, ghi nhận ủy quyền hết hạn")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await digest.SendAsync(cancellationToken);
        await delegations.RecordEndsAsync(VietnamTime.Today(clock), cancellationToken);
    }
}
