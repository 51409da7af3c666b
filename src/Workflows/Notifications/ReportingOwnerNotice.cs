using System.Globalization;
using Microsoft.Extensions.Options;
using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Notifications;

/// <summary>
/// Tells the office's owner of a report — the drafter of the plan whose duty it is, or the creator of a standalone
/// campaign — when a school's first submission of a period arrives after the deadline, or after the school was sent an
/// overdue notice: one email per such submission (category <c>late-submission</c>, dedup key
/// <c>late-submission:{submissionId}</c>) with the school, the report, the period, the instant received (Vietnam time),
/// a link to the schedule's page (<c>/bao-cao/{scheduleId}</c>, the matrix of every school and period) and one to the
/// request's page, written through the outbox in the submission's own transaction (the statement rides in its batch; no
/// job of its own). Nothing when the owner has no email address, an account locked out at the instant the submission
/// arrived (the application's clock, as the submission itself; never the database's), or turned the notice off
/// (<see cref="NotificationSettings.LateSubmission"/>).
/// </summary>
public sealed class ReportingOwnerNotice(IOptions<NotificationOptions> options)
{
    /// <summary>Queues the notice for submission <paramref name="submissionId"/> (version <paramref name="version"/>) of request <paramref name="requestId"/> when it is due.</summary>
    /// <param name="work">The submission's unit of work.</param>
    /// <param name="requestId">The report request.</param>
    /// <param name="submissionId">The submission just stored.</param>
    /// <param name="version">Its version: only the first (1) is reported.</param>
    /// <param name="late">True when it arrived after the deadline.</param>
    /// <param name="submittedAt">When it arrived (UTC, the application's clock): also the instant at which the owner's account must not be locked out.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task EnqueueAsync(UnitOfWork work, Guid requestId, Guid submissionId, int version, bool late, DateTimeOffset submittedAt,
        CancellationToken cancellationToken)
    {
        if (version != 1) return;
        var notice = await work.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT r.school_name, p.label AS period_label, s.id AS schedule_id, s.title, p.deadline, r.overdue_at, pl.symbol,
                   u."FullName" AS full_name, u."Email" AS email
            FROM report_requests r
            JOIN reporting_periods p ON p.id = r.period_id
            JOIN reporting_schedules s ON s.id = r.schedule_id
            LEFT JOIN plans pl ON pl.id = s.plan_id
            LEFT JOIN "AspNetUsers" u ON u."UserName" = coalesce(pl.created_by, s.created_by)
                AND (u."LockoutEnd" IS NULL OR u."LockoutEnd" <= @submittedAt)
                AND NOT EXISTS (SELECT 1 FROM notification_preferences n WHERE n.user_name = u."UserName" AND NOT n.late_submission)
            WHERE r.id = @requestId
            """, new { requestId, submittedAt }, cancellationToken);
        if (notice is null || (!late && notice.overdue_at is null) || string.IsNullOrWhiteSpace(notice.email)) return;
        var when = VietnamTime.ToVietnamTime(submittedAt).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        var deadline = VietnamTime.ToVietnamDate(new DateTimeOffset(notice.deadline, TimeSpan.Zero).AddTicks(-1)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var why = notice.overdue_at is { } overdue
            ? $"sau khi đã nhận thông báo quá hạn ngày {VietnamTime.ToVietnamDate(new DateTimeOffset(overdue, TimeSpan.Zero)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}"
            : "sau hạn nộp";
        var report = notice.symbol is null ? notice.title : $"{notice.title} (theo kế hoạch số {notice.symbol})";
        var body =
            $"Kính gửi {notice.full_name},\n\n{notice.school_name} đã nộp báo cáo \"{report}\", {notice.period_label}, lúc {when}, {why} " +
            $"(hạn nộp: hết ngày {deadline}).\n\nXem báo cáo: {options.Value.PublicBaseUrl.TrimEnd('/')}/bao-cao/yeu-cau/{requestId}\n" +
            $"Tình hình nộp của các trường: {options.Value.PublicBaseUrl.TrimEnd('/')}/bao-cao/{notice.schedule_id}\n\n" +
            "Tắt thư này ở trang Thông báo của bạn.";
        OutboxWriter.Enqueue(work, new OutboxMessage("late-submission", notice.email, notice.full_name ?? notice.email,
            $"Nộp muộn: {notice.school_name} — {notice.title}, {notice.period_label}", body, $"late-submission:{submissionId}", ReferenceId: requestId));
    }

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed record Row(string school_name, string period_label, Guid schedule_id, string title, DateTime deadline, DateTime? overdue_at, string? symbol,
        string? full_name, string? email);
#pragma warning restore IDE1006
}
