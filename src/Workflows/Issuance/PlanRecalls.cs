using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Audit;
using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Plans;
using Workflows.Reporting;
using Workflows.Storage;

namespace Workflows.Issuance;

/// <summary>
/// Recall (thu hồi) and replacement of a released plan (Nghị định 30/2020, Phụ lục VI: the system recalls a document;
/// Điều 18: release and tracking), the only writer of <c>plan_recalls</c>. The decision is the head's: the Signer, who
/// signed it for issuing, recalls it, never the clerk alone (the clerk numbers and releases what the head signed; the
/// head decides what the body issues). One transaction: the plan becomes <c>recalled</c>, the reason (and the plan that
/// replaces it) is recorded, its reporting schedules stop (<see cref="ScheduleChanges.CancelPlanSchedulesAsync"/>:
/// periods not yet opened deleted, no further step, pending Hangfire jobs deleted after commit), its messages that had
/// not left are withdrawn (release messages, its units' duty reminders, receipt reminders), every recipient it reached
/// is told by email, and an audit record is written. Afterwards the schools' submission links of its schedules and the
/// recipients' receipt links answer "đã thu hồi"; the register and the plan page show it.
/// </summary>
public sealed class PlanRecalls
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ScheduleChanges _schedules;
    private readonly IOptions<OrganisationOptions> _organisation;

    internal PlanRecalls(NpgsqlDataSource dataSource, ScheduleChanges schedules, IOptions<OrganisationOptions> organisation)
    {
        _dataSource = dataSource;
        _schedules = schedules;
        _organisation = organisation;
    }

    /// <summary>Longest reason, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>True for whoever may recall a released plan of their body: the Signer (the head, or a deputy who signs).</summary>
    public static bool MayRecall(Actor actor) => actor.IsIn(Roles.Signer);

    /// <summary>
    /// Recalls (or, with <see cref="RecallInput.ReplacedBy"/>, replaces) released plan <paramref name="planId"/> of the
    /// actor's body at <paramref name="now"/> (UTC), in one transaction (see the class).
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan or not a Signer (403); not released, or
    /// already recalled (409); no reason or a reason too long (422, field <c>reason</c>); a replacement that is this plan,
    /// another body's, or not released (422, field <c>replacedBy</c>).</exception>
    public async Task<RecallView> RecallAsync(Guid planId, RecallInput input, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var plan = await PlanAccess.RequireAsync(work, planId, actor, cancellationToken, forUpdate: true);
        if (!MayRecall(actor)) throw WorkflowException.Forbidden("Chỉ lãnh đạo ký ban hành mới thu hồi được văn bản đã phát hành.");
        if (plan.Status == PlanStatus.Recalled) throw WorkflowException.Conflict("Kế hoạch đã được thu hồi trước đó.");
        if (plan.Status != PlanStatus.Released) throw WorkflowException.Conflict("Chỉ thu hồi được kế hoạch đã phát hành.");
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0) throw WorkflowException.Invalid("reason", "Cần ghi lý do thu hồi.");
        if (reason.Length > MaxReasonLength) throw WorkflowException.Invalid("reason", $"Lý do dài quá {MaxReasonLength} ký tự (hiện có {reason.Length}).");
        PlanRecord? replacement = null;
        if (input.ReplacedBy is { } replacedBy)
        {
            if (replacedBy == planId) throw WorkflowException.Invalid("replacedBy", "Kế hoạch không thay thế được chính nó.");
            replacement = await work.QuerySingleOrDefaultAsync<PlanRecord>(PlanQueries.SelectById, new { id = replacedBy }, cancellationToken);
            if (replacement is null || replacement.BodyCode != plan.BodyCode)
                throw WorkflowException.Invalid("replacedBy", "Không có kế hoạch thay thế này trong cơ quan.");
            if (replacement.Status != PlanStatus.Released)
                throw WorkflowException.Invalid("replacedBy", "Kế hoạch thay thế phải đã được phát hành.");
        }
        var kind = replacement is null ? "recall" : "replace";

        PlanWrites.Recall(work, planId, now);
        work.Queue(
            "INSERT INTO plan_recalls (plan_id, kind, reason, replaced_by, recalled_by, recalled_at) VALUES ($1, $2, $3, $4, $5, $6)",
            planId, kind, reason, replacement?.Id, actor.UserName, now);
        var schedules = await _schedules.CancelPlanSchedulesAsync(work, planId, actor.UserName, now, cancellationToken);
        var withdrawn = await OutboxWriter.WithdrawPlanAsync(work, planId, cancellationToken);

        // Everyone the plan reached, or was on its way to (a message being sent, or refused: the notice may still arrive).
        var recipients = await work.QueryAsync<(string Address, string Name, Guid? EntryId)>(
            """
            SELECT DISTINCT ON (lower(m.address)) m.address, m.recipient_name, m.entry_id
            FROM outgoing_messages m
            WHERE m.plan_id = @planId AND m.category = 'release' AND m.status <> 'withdrawn'
            ORDER BY lower(m.address)
            """, new { planId }, cancellationToken);
        var sender = DistributionReleaseParticipant.BodyName(_organisation.Value, plan.BodyCode);
        var subject = $"[Thu hồi] [{plan.Symbol}] {plan.Subject}";
        foreach (var r in recipients)
            OutboxWriter.Enqueue(work, new OutboxMessage("recall", r.Address, r.Name, subject,
                NoticeBody(r.Name, sender, plan, reason, replacement, actor), DedupKey: $"recall:{planId}:{r.Address.ToLowerInvariant()}",
                PlanId: planId, EntryId: r.EntryId));
        work.Audit(now, actor.UserName, kind == "recall" ? "plan.recalled" : "plan.replaced", planId, null, null, new
        {
            plan.Symbol,
            reason,
            replacedBy = replacement?.Id,
            replacedBySymbol = replacement?.Symbol,
            notices = recipients.Count,
            messagesWithdrawn = withdrawn,
            schedulesCancelled = schedules,
        });
        await work.CommitAsync(cancellationToken);
        return new RecallView(planId, kind, reason, replacement?.Id, replacement?.Symbol, actor.UserName, now, recipients.Count, withdrawn, schedules);
    }

    /// <summary>The recall of plan <paramref name="planId"/> of the actor's body, or null when it was not recalled.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public async Task<RecallView?> GetAsync(Guid planId, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PlanAccess.RequireAsync(connection, planId, actor, cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RecallView>(new CommandDefinition(
            """
            SELECT c.plan_id, c.kind, c.reason, c.replaced_by, r.symbol AS replaced_by_symbol, c.recalled_by, c.recalled_at,
                   0 AS notices, 0 AS messages_withdrawn, 0 AS schedules_cancelled
            FROM plan_recalls c LEFT JOIN plans r ON r.id = c.replaced_by
            WHERE c.plan_id = @planId
            """, new { planId }, cancellationToken: cancellationToken));
    }

    /// <summary>The released plans of the actor's body that could replace plan <paramref name="planId"/>, newest first (at most 100).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Symbol, string Subject)>> ReplacementCandidatesAsync(Guid planId, Actor actor,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(Guid, string, string)>(new CommandDefinition(
            """
            SELECT id, symbol, subject FROM plans
            WHERE body_code = @BodyCode AND status = 'released' AND id <> @planId AND symbol IS NOT NULL
            ORDER BY released_at DESC LIMIT 100
            """, new { actor.BodyCode, planId }, cancellationToken: cancellationToken))).AsList();
    }

    private static string NoticeBody(string recipient, string sender, PlanRecord plan, string reason, PlanRecord? replacement, Actor actor)
    {
        var date = plan.IssuedOn;
        var text = new StringBuilder();
        text.AppendLine($"Kính gửi: {recipient}");
        text.AppendLine();
        text.AppendLine($"{sender} thông báo thu hồi Kế hoạch số {plan.Symbol}" +
            (date is { } d ? $" ngày {d:dd}/{d:MM}/{d:yyyy}" : "") + $" về việc {plan.Subject}.");
        text.AppendLine();
        text.AppendLine($"Lý do: {reason}");
        text.AppendLine();
        text.AppendLine(replacement is null
            ? "Đề nghị quý cơ quan, đơn vị hủy bỏ văn bản đã nhận và không thực hiện theo văn bản này; các yêu cầu báo cáo theo kế hoạch này dừng lại."
            : $"Văn bản được thay thế bởi Kế hoạch số {replacement.Symbol} về việc {replacement.Subject}. Đề nghị quý cơ quan, đơn vị hủy bỏ văn bản cũ và thực hiện theo văn bản mới.");
        text.AppendLine();
        text.AppendLine($"Người quyết định thu hồi: {actor.FullName}.");
        text.AppendLine();
        text.AppendLine("Đây là thư gửi tự động từ hệ thống phát hành văn bản; xin không trả lời thư này.");
        return text.ToString();
    }
}
