using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>
/// Changes to a report request made outside the reporting cycle (a school's submission, the office revoking or
/// reissuing its link), queued on the caller's <see cref="UnitOfWork"/>. With <see cref="ReportingCycle"/>, which
/// creates requests and marks them overdue, the only writers of <c>report_requests</c> and <c>report_token_history</c>.
/// </summary>
internal static class ReportRequestWrites
{
    /// <summary>Queues a submission's effect: first and last submission instants, and whether the first was late.</summary>
    public static void MarkSubmitted(UnitOfWork work, Guid requestId, bool late, DateTimeOffset now) =>
        work.Queue(
            """
            UPDATE report_requests
            SET submitted_late = CASE WHEN first_submitted_at IS NULL THEN $1 ELSE submitted_late END,
                first_submitted_at = coalesce(first_submitted_at, $2),
                last_submitted_at = $2
            WHERE id = $3
            """, late, now, requestId);

    /// <summary>Queues the revocation of the request's link at <paramref name="now"/>.</summary>
    public static void RevokeLink(UnitOfWork work, Guid requestId, DateTimeOffset now) =>
        work.Queue("UPDATE report_requests SET token_revoked_at = $1 WHERE id = $2", now, requestId);

    /// <summary>Queues a new link: the old token goes to the history (revoked at <paramref name="now"/> if not before), the new hash replaces it.</summary>
    public static void ReplaceLink(UnitOfWork work, Guid requestId, byte[] tokenHash, DateTimeOffset now)
    {
        work.Queue(
            """
            INSERT INTO report_token_history (token_hash, request_id, revoked_at)
            SELECT token_hash, id, coalesce(token_revoked_at, $1) FROM report_requests WHERE id = $2
            """, now, requestId);
        work.Queue("UPDATE report_requests SET token_hash = $1, token_revoked_at = NULL WHERE id = $2", tokenHash, requestId);
    }
}
